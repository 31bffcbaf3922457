import type { DatabaseSync } from 'node:sqlite';

const SQLITE_BUSY = 5;

/** How long a writer sleeps between tries for the write lock: short, and jittered so that waiters spread out. */
const MIN_WAIT_MS = 0.2;
const MAX_WAIT_MS = 1;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the calling thread for `ms` (fractions allowed); meant for the writer thread, whose only job is to wait for the lock. */
export const blockFor = (ms: number): void => {
  Atomics.wait(sleeper, 0, 0, ms);
};

const isBusy = (error: unknown): boolean => {
  const errcode = (error as { errcode?: unknown } | null)?.errcode;
  return typeof errcode === 'number' && (errcode & 0xff) === SQLITE_BUSY;
};

/**
 * `BEGIN IMMEDIATE`, retried on SQLITE_BUSY every 0.2–1 ms until `busyTimeoutMs` has passed, on a
 * connection opened without a busy timeout of its own. SQLite's default busy handler sleeps in
 * growing steps (1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 ms…) whatever the lock's holder is
 * doing, while a group commit holds the lock for a couple of milliseconds: with four processes
 * appending, a writer that found the lock taken slept for tens of milliseconds after it was
 * free (p99 138 ms against a p50 of 1.5 ms). Polling finds it free within a millisecond. The
 * last error is thrown as SQLite gave it, so the caller still reports a lock held past the busy
 * timeout as the store being unavailable.
 */
export function beginImmediate(
  db: DatabaseSync,
  busyTimeoutMs: number,
  { now = () => performance.now(), wait = blockFor }: { now?: () => number; wait?: (ms: number) => void } = {},
): void {
  const deadline = now() + busyTimeoutMs;
  for (;;) {
    try {
      db.exec('BEGIN IMMEDIATE');
      return;
    } catch (error) {
      const left = deadline - now();
      if (!isBusy(error) || left <= 0) throw error;
      wait(Math.min(left, MIN_WAIT_MS + Math.random() * (MAX_WAIT_MS - MIN_WAIT_MS)));
    }
  }
}
