import type { DatabaseSync } from 'node:sqlite';
import { DuplicateEventError, WrongExpectedRevisionError } from '@trawl/errors';
import { describeRevision } from '../append-guards';
import type { AppendResult, ExpectedRevision, NewEvent } from '../event-store.port';
import { translateSqliteError, type EventStatements } from './sqlite-database';
import { encodePosition } from './sqlite-rows';

interface StoredEventRow {
  stream: string;
  revision: bigint;
  position: bigint;
}

/**
 * Appends in one `BEGIN IMMEDIATE` transaction: it takes the write lock up front, so the revision
 * check and the inserts see no other writer in between, in this process or any other. Because
 * writers are serialised this way, positions (AUTOINCREMENT) also become visible in increasing order:
 * no reader can see position n+1 committed while n is still pending, which is what lets
 * subscriptions poll with "position > checkpoint" without ever skipping an event.
 */
export function appendInTransaction(
  db: DatabaseSync,
  statements: EventStatements,
  streamName: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  recordedAt: Date,
): AppendResult & { written: boolean } {
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    throw translateSqliteError(error);
  }
  try {
    const stored = findStoredBatch(statements, streamName, events);
    if (stored) {
      db.exec('COMMIT');
      return { ...stored, written: false };
    }
    const head = statements.streamHead.get(streamName) as { revision: bigint | null };
    checkExpectedRevision(streamName, expected, head.revision);
    let revision = head.revision ?? -1n;
    let position = 0n;
    for (const event of events) {
      revision += 1n;
      const result = statements.insert.run(
        streamName,
        revision,
        event.id,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata ?? {}),
        recordedAt.toISOString(),
      );
      position = BigInt(result.lastInsertRowid);
    }
    db.exec('COMMIT');
    return { nextExpectedRevision: revision, position: encodePosition(position), written: true };
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw translateSqliteError(error);
  }
}

/**
 * Idempotency by id: a batch already stored in full in this stream is answered from the stored rows.
 * A batch stored only in part, or an id stored in another stream, is not a retry of this append.
 */
function findStoredBatch(
  statements: EventStatements,
  streamName: string,
  events: readonly NewEvent[],
): AppendResult | undefined {
  let last: StoredEventRow | undefined;
  let found = 0;
  for (const event of events) {
    const row = statements.findById.get(event.id) as StoredEventRow | undefined;
    if (!row) continue;
    if (row.stream !== streamName) {
      throw new DuplicateEventError(`event ${event.id} is already stored in stream ${row.stream}`);
    }
    found += 1;
    if (!last || row.revision > last.revision) last = row;
  }
  if (!last) return undefined;
  if (found < events.length) {
    throw new DuplicateEventError(
      `${found} of the ${events.length} events are already stored in stream ${streamName}, the others are not`,
    );
  }
  return { nextExpectedRevision: last.revision, position: encodePosition(last.position) };
}

function checkExpectedRevision(streamName: string, expected: ExpectedRevision, actual: bigint | null): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && actual === null) ||
    (expected === 'stream_exists' && actual !== null) ||
    (typeof expected === 'bigint' && actual === expected);
  if (!ok) throw new WrongExpectedRevisionError(streamName, describeRevision(expected), describeRevision(actual));
}
