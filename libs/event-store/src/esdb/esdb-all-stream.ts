import {
  BACKWARDS,
  END,
  START,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type Position,
  type StreamingRead,
} from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store.port';
import { comparePositions, isSystemEvent, toRecordedEvent, translateEsdbError } from './esdb-mapping';

/**
 * One page of `$all` after `from` (exclusive), without system events. System events are dropped on
 * the client (reads of `$all` take no server filter in this client), so a raw page can shrink: keep
 * reading until the page is full or the log ends. A raw read may start at `from` itself, hence one
 * extra event per read and the skip of anything not strictly after the cursor.
 */
export async function readAllPage(
  client: EventStoreDBClient,
  from: Position | undefined,
  maxCount: number,
): Promise<RecordedEvent[]> {
  const page: RecordedEvent[] = [];
  let cursor = from;
  while (page.length < maxCount) {
    const batchSize = maxCount - page.length + 1;
    const raw = await collect(client.readAll({ fromPosition: cursor ?? START, maxCount: batchSize }));
    let advanced = false;
    for (const { event } of raw) {
      if (!event || (cursor && comparePositions(event.position, cursor) <= 0)) continue;
      cursor = event.position;
      advanced = true;
      if (!isSystemEvent(event) && page.length < maxCount) page.push(toRecordedEvent(event));
    }
    if (raw.length < batchSize || !advanced) break;
  }
  return page;
}

/**
 * The position of the newest non-system event. The very last record of `$all` is often the server's
 * own (stats, metadata), so read backwards page by page until an event of ours shows up.
 */
export async function readHeadPosition(client: EventStoreDBClient): Promise<Position | undefined> {
  const batchSize = 64;
  let cursor: Position | undefined;
  for (;;) {
    const raw = await collect(
      client.readAll({ direction: BACKWARDS, fromPosition: cursor ?? END, maxCount: batchSize }),
    );
    let advanced = false;
    for (const { event } of raw) {
      if (!event || (cursor && comparePositions(event.position, cursor) >= 0)) continue;
      if (!isSystemEvent(event)) return event.position;
      cursor = event.position;
      advanced = true;
    }
    if (raw.length < batchSize || !advanced) return undefined;
  }
}

/**
 * How many non-system events follow `from` (exclusive), counting no further than `limit`. Streams the
 * read and stops at the bound, so memory stays flat however far behind `from` is.
 */
export async function countAllAfter(client: EventStoreDBClient, from: Position | undefined, limit: number): Promise<number> {
  if (limit <= 0) return 0;
  const read = client.readAll({ fromPosition: from ?? START });
  let count = 0;
  try {
    for await (const { event } of read as AsyncIterable<AllStreamResolvedEvent>) {
      if (!event || isSystemEvent(event) || (from && comparePositions(event.position, from) <= 0)) continue;
      count += 1;
      if (count >= limit) break;
    }
  } catch (error) {
    throw translateEsdbError(error);
  } finally {
    await read.cancel().catch(() => undefined);
  }
  return count;
}

async function collect(read: StreamingRead<AllStreamResolvedEvent>): Promise<AllStreamResolvedEvent[]> {
  try {
    return (await read.toArray()) as AllStreamResolvedEvent[];
  } catch (error) {
    throw translateEsdbError(error);
  }
}
