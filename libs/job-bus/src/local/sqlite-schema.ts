import { DatabaseSync } from 'node:sqlite';

/**
 * One row per published job (`job_messages`, kept for the retention period like a Kafka log) and
 * one row per job and consuming group (`job_deliveries`): the group's copy, with its attempt and
 * lease. `visible_at` is when the delivery may be claimed: now for a new job, the lease's end
 * while a member holds it, the back-off's end after a failure.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS job_messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  topic TEXT NOT NULL,
  job_id TEXT NOT NULL,
  job_key TEXT NOT NULL,
  payload TEXT NOT NULL,
  headers TEXT NOT NULL,
  published_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS job_messages_by_topic ON job_messages (topic, seq);
CREATE INDEX IF NOT EXISTS job_messages_by_age ON job_messages (published_at);
CREATE TABLE IF NOT EXISTS job_subscriptions (
  topic TEXT NOT NULL,
  group_name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (topic, group_name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS job_deliveries (
  id INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL,
  topic TEXT NOT NULL,
  group_name TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  visible_at INTEGER NOT NULL,
  lease_owner TEXT,
  UNIQUE (group_name, seq)
);
CREATE INDEX IF NOT EXISTS job_deliveries_ready ON job_deliveries (topic, group_name, visible_at, seq);
CREATE INDEX IF NOT EXISTS job_deliveries_by_message ON job_deliveries (seq);
`;

export function openQueueDatabase(path: string, busyTimeoutMs: number): DatabaseSync {
  const db = new DatabaseSync(path);
  try {
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    db.exec('PRAGMA journal_mode = WAL');
    // Claims, acks, renewals and releases commit without an fsync (see inDurableTransaction).
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec(SCHEMA);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Runs `work` in a write transaction taken up front, so that it cannot fail half-way on a lock. */
export function inWriteTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * A write transaction that is on disk when it returns (an fsync of the WAL on the event loop, 5 ms on
 * the development VM), for the rare changes that must not be lost and have no one to wait for a
 * WalSync: subscriptions and dead letters. Publishes commit at `synchronous = NORMAL` and are made
 * durable off the loop before LocalJobBus.publish resolves (WalSync). Everything else (claims, acks,
 * lease renewals, releases) is never fsynced on its own: a process crash loses none of it (WAL), and a
 * power cut can only lose a suffix of it, which the at-least-once contract absorbs (a lost ack or
 * claim means the job is handled again; handlers are idempotent). The WAL is one sequential file, so
 * any fsync of it also makes every earlier commit durable. The relay advances its checkpoint only
 * after its publish resolved, so a checkpoint on disk never covers a job that is not.
 */
export function inDurableTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('PRAGMA synchronous = FULL');
  try {
    return inWriteTransaction(db, work);
  } finally {
    db.exec('PRAGMA synchronous = NORMAL');
  }
}
