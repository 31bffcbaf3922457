import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { UnavailableError } from '@trawl/errors';

/**
 * One row per event. `position` is the store-wide sequence: AUTOINCREMENT never hands out a number
 * twice, even after the highest row is gone, so a checkpoint can never point at a reused position.
 * STRICT makes SQLite reject a value of the wrong type instead of silently coercing it.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    stream      TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    id          TEXT    NOT NULL UNIQUE,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    UNIQUE (stream, revision)
  ) STRICT;
`;

const COLUMNS = 'position, stream, revision, id, type, data, metadata, recorded_at';

/** The prepared statements of one connection; integers are read as bigint (revisions are bigint). */
export interface EventStatements {
  insert: StatementSync;
  streamHead: StatementSync;
  findById: StatementSync;
  readForwards: StatementSync;
  readBackwards: StatementSync;
  readAll: StatementSync;
  head: StatementSync;
  countAfter: StatementSync;
}

/**
 * Opens (and creates) the event database. Several processes may share the file: WAL lets readers
 * run while one writer commits, and the busy timeout makes a writer wait for the lock instead of
 * failing at once. The default `synchronous = FULL` is kept: the event log is the source of truth.
 */
export function openEventDatabase(path: string, busyTimeoutMs: number): DatabaseSync {
  const db = new DatabaseSync(path, { timeout: busyTimeoutMs });
  try {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec(SCHEMA);
  } catch (error) {
    db.close();
    throw translateSqliteError(error);
  }
  return db;
}

export function prepareEventStatements(db: DatabaseSync): EventStatements {
  const statements: EventStatements = {
    insert: db.prepare(
      'INSERT INTO events (stream, revision, id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    streamHead: db.prepare('SELECT MAX(revision) AS revision FROM events WHERE stream = ?'),
    findById: db.prepare('SELECT stream, revision, position FROM events WHERE id = ?'),
    readForwards: db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    ),
    readBackwards: db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    ),
    readAll: db.prepare(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
    head: db.prepare('SELECT MAX(position) AS position FROM events'),
    // The inner LIMIT stops the primary-key range scan at the bound.
    countAfter: db.prepare('SELECT COUNT(*) AS n FROM (SELECT 1 FROM events WHERE position > ? LIMIT ?)'),
  };
  for (const statement of Object.values(statements)) statement.setReadBigInts(true);
  return statements;
}

const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;

/**
 * A lock held longer than the busy timeout means another process is stuck: report it as unavailable.
 * The extended code goes into the message (which, unlike the cause, crosses back from the writer
 * thread): 517 (BUSY_SNAPSHOT) or 261 (BUSY_RECOVERY) say that no busy timeout was waited out.
 */
export function translateSqliteError(error: unknown): unknown {
  const errcode = (error as { errcode?: unknown } | null)?.errcode;
  if (typeof errcode === 'number' && [SQLITE_BUSY, SQLITE_LOCKED].includes(errcode & 0xff)) {
    return new UnavailableError(`the SQLite event store is locked by another connection (SQLite code ${errcode})`, { cause: error });
  }
  return error;
}
