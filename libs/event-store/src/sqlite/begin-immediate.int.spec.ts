import { DatabaseSync } from 'node:sqlite';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnavailableError } from '@trawl/errors';
import { newEvents, uniqueStream } from '../../../../test/contract/event-store.fixtures';
import { beginImmediate, blockFor } from './begin-immediate';
import { SqliteEventStore } from './sqlite-event-store';

/** Another connection to the file, as another process would hold it: the write lock, taken now and released later. */
function holdWriteLock(path: string): { release(): void } {
  const other = new DatabaseSync(path);
  other.exec('BEGIN IMMEDIATE');
  return {
    release() {
      other.exec('COMMIT');
      other.close();
    },
  };
}

describe('waiting for another connection\'s write lock', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trawl-begin-immediate-'));
    path = join(dir, 'events.sqlite');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('tries again in steps of 0.2 to 1 ms, and begins at the first try after the lock is released', () => {
    const db = new DatabaseSync(path, { timeout: 0 });
    db.exec('PRAGMA journal_mode = WAL');
    const lock = holdWriteLock(path);
    const waits: number[] = [];
    let triesAfterRelease = 0;
    const started = performance.now();
    beginImmediate(db, 2000, {
      wait: (ms) => {
        waits.push(ms);
        if (triesAfterRelease > 0) triesAfterRelease += 1;
        blockFor(ms);
        // Released by "another process" 30 ms in, while this connection waits between tries.
        if (triesAfterRelease === 0 && performance.now() - started >= 30) {
          lock.release();
          triesAfterRelease = 1;
        }
      },
    });
    expect(db.isTransaction).toBe(true);
    db.exec('ROLLBACK');
    db.close();
    expect(triesAfterRelease).toBe(1);
    expect(waits.length).toBeGreaterThan(3);
    for (const ms of waits) {
      expect(ms).toBeGreaterThanOrEqual(0.2);
      expect(ms).toBeLessThanOrEqual(1);
    }
  });

  it('throws SQLite\'s busy error once the busy timeout has passed, having tried until then', () => {
    const db = new DatabaseSync(path, { timeout: 0 });
    db.exec('PRAGMA journal_mode = WAL');
    const lock = holdWriteLock(path);
    const started = performance.now();
    expect(() => beginImmediate(db, 100)).toThrow(expect.objectContaining({ errcode: 5 }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    expect(db.isTransaction).toBe(false);
    lock.release();
    db.close();
  });

  it('an append through the writer thread waits for a lock held by another connection, and commits once it is free', async () => {
    const store = new SqliteEventStore({ path, busyTimeoutMs: 5000 });
    const stream = uniqueStream('waits');
    await store.appendToStream(stream, newEvents(1)); // starts the writer thread
    const lock = holdWriteLock(path);
    let released = false;
    setTimeout(() => {
      lock.release();
      released = true;
    }, 300);
    const result = await store.appendToStream(stream, newEvents(1), { expectedRevision: 0n });
    // How soon after the release it commits is the first test's (tries 0.2-1 ms apart, the first one
    // after the release begins); a bound in milliseconds here would only measure the machine's load.
    expect(released).toBe(true);
    expect(result.nextExpectedRevision).toBe(1n);
    expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0n, 1n]);
    await store.close();
  });

  it('an append still fails as unavailable when the lock is held past the busy timeout, and the next one succeeds', async () => {
    const store = new SqliteEventStore({ path, busyTimeoutMs: 300 });
    const stream = uniqueStream('times-out');
    await store.appendToStream(stream, newEvents(1));
    const lock = holdWriteLock(path);
    const started = performance.now();
    const failure = await store.appendToStream(stream, newEvents(1)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnavailableError);
    // Plain SQLITE_BUSY, the busy timeout waited out (a BUSY_SNAPSHOT, 517, would not have waited).
    expect((failure as Error).message).toContain('(SQLite code 5)');
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    lock.release();
    const result = await store.appendToStream(stream, newEvents(1), { expectedRevision: 0n });
    await store.close();
    expect(result.nextExpectedRevision).toBe(1n);
  });
});
