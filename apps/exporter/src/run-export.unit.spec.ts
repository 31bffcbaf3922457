import { NotFoundError, UnavailableError } from '@trawl/errors';
import type { ExportEvent, ExportState, ExportStreams } from '@trawl/domain';
import type { ExportSample } from '@trawl/exports';
import { runExport, type ExportRunPorts } from './run-export';

const state: ExportState = {
  exportId: 'e', source: { kind: 'batch', id: 'b' }, format: 'zip', options: {}, status: 'queued', attempt: 1,
  progress: { samples: 0, totalSamples: null }, files: [], error: null, createdAt: 't', updatedAt: 't',
};

function ports(samples: number, build?: () => Promise<never>): { ports: ExportRunPorts; appended: Array<{ step: string; event: ExportEvent }> } {
  const appended: Array<{ step: string; event: ExportEvent }> = [];
  const journal = { append: async (_id: string, step: string, event: ExportEvent) => { appended.push({ step, event }); return step; } } as unknown as ExportStreams;
  return {
    appended,
    ports: {
      journal,
      countSamples: async () => samples,
      samples: () => (async function* () {})() as AsyncIterable<ExportSample>,
      build: build ?? (async (_state, _samples, onSample) => {
        for (let n = 1; n <= samples; n += 1) await onSample(n);
        return { files: [{ name: 'dataset.zip', sha256: 'a'.repeat(64), bytes: 1, contentType: 'application/zip' }], samples };
      }),
      now: () => new Date('2026-01-01T00:00:00Z'),
    },
  };
}

describe('runExport', () => {
  it('records progress at the start and every 500 samples (not each one), then ExportCreated', async () => {
    const { ports: run, appended } = ports(1200);
    await runExport(run, state);
    expect(appended.map(({ step }) => step)).toEqual(['progressed:1:0', 'progressed:1:500', 'progressed:1:1000', 'created:1']);
    expect(appended[0].event.data).toMatchObject({ samples: 0, totalSamples: 1200 });
    expect(appended[3].event.data).toMatchObject({ samples: 1200, files: [{ name: 'dataset.zip' }] });
  });

  it('records ExportFailed when content is missing, and rethrows a store outage for the subscription to retry', async () => {
    const missing = ports(3, async () => { throw new NotFoundError('blob abc'); });
    await runExport(missing.ports, state);
    expect(missing.appended.at(-1)).toMatchObject({ step: 'failed:1', event: { type: 'ExportFailed', data: { error: { code: 'blob-missing' } } } });
    const down = ports(3, async () => { throw new UnavailableError('store down'); });
    await expect(runExport(down.ports, state)).rejects.toThrow('store down');
    expect(down.appended.map(({ step }) => step)).toEqual(['progressed:1:0']);
  });
});
