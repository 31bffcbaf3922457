import { exportIdOf } from './export-stream';
import { foldExportEvents } from './export-state';
import type { ExportEvent } from './export-events';

const source = { kind: 'batch' as const, id: 'b1' };
const requested = (attempt: number): ExportEvent => ({ type: 'ExportRequested', data: { exportId: 'e', source, format: 'zip', options: {}, attempt, requestedAt: 't' } });
const at = (event: ExportEvent, recordedAt = '2026-01-01T00:00:00.000Z') => ({ event, recordedAt });

describe('export state', () => {
  it('names the same export for the same source, format and options, and another for any difference', () => {
    expect(exportIdOf(source, 'webdataset', {})).toBe(exportIdOf(source, 'webdataset', {}));
    expect(exportIdOf(source, 'webdataset', {})).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ids = new Set([
      exportIdOf(source, 'webdataset', {}), exportIdOf(source, 'parquet', {}), exportIdOf(source, 'webdataset', { imageSize: 256 }),
      exportIdOf(source, 'webdataset', { shardSize: 1 << 20 }), exportIdOf({ kind: 'task', id: 'b1' }, 'webdataset', {}),
    ]);
    expect(ids.size).toBe(5);
    // shardSize means nothing to a zip: the same zip either way.
    expect(exportIdOf(source, 'zip', { shardSize: 5 })).toBe(exportIdOf(source, 'zip', {}));
  });

  it('goes queued -> building -> ready, and ignores a stale attempt', () => {
    const state = foldExportEvents([
      at(requested(1)),
      at({ type: 'ExportProgressed', data: { exportId: 'e', attempt: 1, samples: 0, totalSamples: 900 } }),
      at({ type: 'ExportProgressed', data: { exportId: 'e', attempt: 1, samples: 500, totalSamples: 900 } }, '2026-01-01T00:00:01.000Z'),
      at({ type: 'ExportCreated', data: { exportId: 'e', attempt: 1, files: [{ name: 'dataset.zip', sha256: 'a'.repeat(64), bytes: 9, contentType: 'application/zip' }], samples: 900, createdAt: 't' } }),
      at({ type: 'ExportFailed', data: { exportId: 'e', attempt: 1, error: { code: 'x', message: 'late' }, failedAt: 't' } }),
    ]);
    expect(state).toMatchObject({ status: 'ready', progress: { samples: 900, totalSamples: 900 }, error: null, files: [{ name: 'dataset.zip' }] });
  });

  it('starts a failed export over on a new request', () => {
    const state = foldExportEvents([
      at(requested(1)),
      at({ type: 'ExportFailed', data: { exportId: 'e', attempt: 1, error: { code: 'blob-missing', message: 'gone' }, failedAt: 't' } }),
      at(requested(2), '2026-01-01T00:00:05.000Z'),
    ]);
    expect(state).toMatchObject({ status: 'queued', attempt: 2, error: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:05.000Z' });
  });
});
