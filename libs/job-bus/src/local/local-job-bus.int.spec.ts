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

  it('wakes the members of a topic in this process at once, without waiting for a poll: a publish, a freed slot, a dead letter', async () => {
    const bus = new LocalJobBus({ path: join(dir, 'woken.sqlite'), pollIntervalMs: 60_000 });
    try {
      const seen: string[] = [];
      const deadLetters: string[] = [];
      await bus.consume({ topic: 'images', group: 'g', concurrency: 1, retry: { maxAttempts: 1 }, handler: async (job) => {
        seen.push(job.id);
        if (job.id === 'broken') throw new Error('always fails');
      } });
      await bus.consume({ topic: 'images.dead-letter', group: 'g', handler: async (job) => void deadLetters.push(job.id) });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = Date.now();
      // One slot: the second job waits for the first to finish.
      await bus.publish('images', [{ id: 'a', key: 'k', payload: {} }, { id: 'broken', key: 'k', payload: {} }]);
      while (deadLetters.length === 0 && Date.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(seen).toEqual(['a', 'broken']);
      expect(deadLetters).toEqual(['broken']);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await bus.close();
    }
  });
});
