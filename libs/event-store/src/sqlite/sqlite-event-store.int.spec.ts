import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DuplicateEventError, WrongExpectedRevisionError } from '@trawl/errors';
import { describeEventStoreContract } from '../../../../test/contract/event-store.contract';
import { StreamRecorder, eventually, newEvents, range, sleep, uniqueStream } from '../../../../test/contract/event-store.fixtures';
import type { RecordedEvent } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';

async function tempFile(): Promise<{ path: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'trawl-event-store-'));
  return { path: join(dir, 'events.sqlite'), remove: () => rm(dir, { recursive: true, force: true }) };
}

describeEventStoreContract('sqlite', async () => {
  const file = await tempFile();
  const store = new SqliteEventStore({ path: file.path });
  return { store, cleanup: async () => (await store.close(), await file.remove()) };
});

/**
 * Another process appending through SQL alone, one IMMEDIATE transaction per event, as a second trawl
 * process on the same machine would: it shares nothing with this process but the file.
 */
const OTHER_PROCESS_WRITER = `
  const { DatabaseSync } = require('node:sqlite');
  const { randomUUID } = require('node:crypto');
  const [path, stream, count] = process.argv.slice(1);
  const db = new DatabaseSync(path, { timeout: 10000 });
  const insert = db.prepare('INSERT INTO events (stream, revision, id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (let revision = 0; revision < Number(count); revision++) {
    db.exec('BEGIN IMMEDIATE');
    insert.run(stream, revision, randomUUID(), 'WrittenElsewhere', JSON.stringify({ revision }), '{}', new Date().toISOString());
    db.exec('COMMIT');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3); // let the other writer in between
  }
  db.close();
`;

describe('SqliteEventStore', () => {
  let file: Awaited<ReturnType<typeof tempFile>>;
  let store: SqliteEventStore;
  beforeEach(async () => {
    file = await tempFile();
    store = new SqliteEventStore({ path: file.path });
  });
  afterEach(async () => {
    await store.close();
    await file.remove();
  });

  it('an empty store has no head; a subscription without checkpoint starts at the first event', async () => {
    expect(await store.headPosition()).toBeUndefined();
    expect(await store.readAll()).toEqual([]);
    const stream = uniqueStream('first');
    await store.appendToStream(stream, newEvents(2));
    const recorder = new StreamRecorder(stream);
    const subscription = store.subscribeToAll({ onEvent: recorder.onEvent });
    await eventually(() => recorder.seen.length === 2, 'both events');
    await subscription.stop();
    expect(recorder.seen.map((event) => event.position)).toEqual(['1', '2']);
  });

  it('countEventsAfter is exact on a store of its own: 0 when empty and from the head', async () => {
    expect(await store.countEventsAfter(undefined, 100)).toBe(0);
    await store.appendToStream(uniqueStream('count'), newEvents(3));
    expect(await store.countEventsAfter(undefined, 100)).toBe(3);
    expect(await store.countEventsAfter('1', 100)).toBe(2);
    expect(await store.countEventsAfter(await store.headPosition(), 100)).toBe(0);
  });

  it('a batch already stored in the stream succeeds whatever the expected revision', async () => {
    const stream = uniqueStream('idempotent');
    const [first, second] = [newEvents(2), newEvents(1)];
    const original = await store.appendToStream(stream, first, { expectedRevision: 'no_stream' });
    await store.appendToStream(stream, second, { expectedRevision: 1n });
    for (const expectedRevision of ['any', 'no_stream', 'stream_exists', 0n, 9n] as const) {
      expect(await store.appendToStream(stream, first, { expectedRevision })).toEqual(original);
    }
    expect(await store.readStream(stream)).toHaveLength(3);
  });

  it('an id stored in another stream, or a batch stored only in part, is a DuplicateEventError', async () => {
    const [stream, other] = [uniqueStream('a'), uniqueStream('b')];
    const stored = newEvents(2);
    await store.appendToStream(stream, stored);
    await expect(store.appendToStream(other, [stored[0]])).rejects.toBeInstanceOf(DuplicateEventError);
    await expect(store.appendToStream(stream, [stored[1], ...newEvents(1)])).rejects.toBeInstanceOf(DuplicateEventError);
    expect(await store.readStream(stream)).toHaveLength(2);
    expect(await store.readStream(other)).toEqual([]);
  });

  it('group commit: appends made in one turn commit together, each failing or succeeding on its own', async () => {
    const [stream, other, conflicted] = [uniqueStream('group-a'), uniqueStream('group-b'), uniqueStream('group-c')];
    await store.appendToStream(conflicted, newEvents(1));
    const taken = newEvents(1);
    await store.appendToStream(other, taken);
    // Issued without awaiting in between: one group. Two writers race for revision 0 of `stream`;
    // one appends to a stale revision; one reuses an id stored elsewhere.
    const results = await Promise.allSettled([
      store.appendToStream(stream, newEvents(2), { expectedRevision: 'no_stream' }),
      store.appendToStream(stream, newEvents(1), { expectedRevision: 'no_stream' }),
      store.appendToStream(conflicted, newEvents(1), { expectedRevision: 5n }),
      store.appendToStream(stream, [taken[0]]),
      store.appendToStream(other, newEvents(3), { expectedRevision: 0n }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect((results[3] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventError);
    expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0n, 1n]);
    expect((await store.readStream(other)).map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n]);
    expect(await store.readStream(conflicted)).toHaveLength(1);
    // Positions stay dense and in the order the appends were made: nothing rolled back left a hole
    // that a subscription could mistake for a pending write.
    const positions = (await store.readAll()).map((event) => Number(event.position));
    expect(positions).toEqual(range(positions.length).map((n) => n + 1));
    const first = results[0] as PromiseFulfilledResult<{ position: string }>;
    const last = results[4] as PromiseFulfilledResult<{ position: string }>;
    expect(Number(first.value.position)).toBeLessThan(Number(last.value.position));
  });

  it('group commit: 300 concurrent appends (grouped while the writer thread commits) all land, positions dense and per stream in order', async () => {
    const streams = range(30).map((n) => uniqueStream(`busy-${n}`));
    const results = await Promise.all(
      range(300).map((n) => store.appendToStream(streams[n % 30], newEvents(1 + (n % 3)), { expectedRevision: 'any' })),
    );
    const all = await store.readAll({ maxCount: 10_000 });
    expect(all).toHaveLength(range(300).reduce((sum, n) => sum + 1 + (n % 3), 0));
    expect(all.map((event) => Number(event.position))).toEqual(range(all.length).map((n) => n + 1));
    for (const stream of streams) {
      const revisions = (await store.readStream(stream)).map((event) => event.revision);
      expect(revisions).toEqual(revisions.map((_, n) => BigInt(n)));
    }
    // Each caller got the position of its own last event.
    const positions = new Set(results.map((result) => result.position));
    expect(positions.size).toBe(300);
  });

  it('group commit: an append is answered only once committed, and close commits what is waiting', async () => {
    const stream = uniqueStream('group-close');
    const pending = store.appendToStream(stream, newEvents(2));
    await store.close();
    await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 1n });
    store = new SqliteEventStore({ path: file.path });
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('two stores on one file: the writer with a stale revision fails', async () => {
    const second = new SqliteEventStore({ path: file.path });
    try {
      const stream = uniqueStream('two-connections');
      await store.appendToStream(stream, newEvents(1));
      await second.appendToStream(stream, newEvents(1), { expectedRevision: 0n });
      const stale = store.appendToStream(stream, newEvents(1), { expectedRevision: 0n });
      await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0n, 1n]);
    } finally {
      await second.close();
    }
  });

  it('wakes a live subscription at once on an append through the same store', async () => {
    const slowPolling = new SqliteEventStore({ path: file.path, pollIntervalMs: 60_000 });
    const stream = uniqueStream('wake');
    const recorder = new StreamRecorder(stream);
    const subscription = slowPolling.subscribeToAll({ onEvent: recorder.onEvent });
    try {
      await sleep(50);
      await slowPolling.appendToStream(stream, newEvents(1));
      await eventually(() => recorder.seen.length === 1, 'the woken subscription', 2_000);
    } finally {
      await subscription.stop();
      await slowPolling.close();
    }
  });

  it('events written by a second process are delivered live, interleaved without gaps', async () => {
    const [ours, theirs] = [uniqueStream('this-process'), uniqueStream('other-process')];
    const delivered: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ onEvent: async (event) => void delivered.push(event) });
    const child = promisify(execFile)(process.execPath, ['-e', OTHER_PROCESS_WRITER, file.path, theirs, '30']);
    for (const n of range(30)) {
      await store.appendToStream(ours, newEvents(1), { expectedRevision: n === 0 ? 'no_stream' : BigInt(n - 1) });
      await sleep(3);
    }
    await child;
    await eventually(() => delivered.length === 60, 'all 60 events');
    await subscription.stop();
    expect(delivered.map((event) => Number(event.position))).toEqual(range(60).map((n) => n + 1));
    const revisionsOf = (stream: string) => delivered.filter((e) => e.streamName === stream).map((e) => Number(e.revision));
    expect(revisionsOf(theirs)).toEqual(range(30));
    expect(revisionsOf(ours)).toEqual(range(30));
  });

  it('keeps its events across closing and reopening the file, and works in memory', async () => {
    const stream = uniqueStream('reopen');
    await store.appendToStream(stream, newEvents(2));
    await store.close();
    store = new SqliteEventStore({ path: file.path });
    expect(await store.readStream(stream)).toHaveLength(2);
    const memory = new SqliteEventStore({ path: ':memory:' });
    await memory.appendToStream(stream, newEvents(1));
    expect(await memory.headPosition()).toBe('1');
    await memory.close();
  });
});
