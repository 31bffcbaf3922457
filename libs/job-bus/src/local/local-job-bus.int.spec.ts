import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnavailableError } from '@trawl/errors';
import { describeJobBusContract } from '../../../../test/contract/job-bus.contract';
import { LocalJobBus } from './local-job-bus';

const dir = mkdtempSync(join(tmpdir(), 'trawl-job-bus-'));
let files = 0;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeJobBusContract(
  'local (SQLite)',
  () => ({ kind: 'local', path: join(dir, `queue-${(files += 1)}.sqlite`), leaseMs: 1_000, pollIntervalMs: 50, stopGraceMs: 1_500 }),
  { outlastLivenessMs: 2_500 },
);

describe('local job bus', () => {
  it('reports a queue file that cannot be opened as UnavailableError', () => {
    expect(() => new LocalJobBus({ path: join(dir, 'no-such-dir', 'queue.sqlite') })).toThrow(UnavailableError);
  });

  it('keeps published jobs across a reopen of the file (a restart loses nothing)', async () => {
    const path = join(dir, 'reopened.sqlite');
    const before = new LocalJobBus({ path });
    await before.publish('pages', [{ id: 'kept', key: 'example.org', payload: { n: 1 } }]);
    await before.close();
    const after = new LocalJobBus({ path, pollIntervalMs: 20 });
    const seen: string[] = [];
    await after.consume({ topic: 'pages', group: 'fetchers', handler: async (job) => void seen.push(job.id) });
    const deadline = Date.now() + 10_000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await after.close();
    expect(seen).toEqual(['kept']);
  });
});
