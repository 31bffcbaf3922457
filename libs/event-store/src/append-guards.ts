import { DuplicateEventError } from '@trawl/errors';
import type { ExpectedRevision, NewEvent } from './event-store.port';

const LOWERCASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Default and upper bound of one `readAll` page, shared so both adapters page alike. */
export const DEFAULT_READ_ALL_PAGE = 1000;

/**
 * Rejects what no adapter may store, before any I/O, so that both adapters fail alike on programmer
 * errors. EventStoreDB parses ids as UUIDs and returns them lowercase, so only lowercase UUIDs survive
 * a round trip unchanged; `$` names are reserved for system streams and events, which subscriptions
 * drop, so an event typed `$...` would be stored and then never seen.
 */
export function assertAppendable(
  streamName: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
): void {
  if (streamName.length === 0 || streamName.startsWith('$')) {
    throw new RangeError(`invalid stream name "${streamName}": empty or starting with $`);
  }
  if (typeof expectedRevision === 'bigint' && expectedRevision < 0n) {
    throw new RangeError(`expected revision ${expectedRevision} is negative; use 'no_stream'`);
  }
  if (events.length === 0) throw new RangeError('appendToStream needs at least one event');
  const ids = new Set<string>();
  for (const event of events) {
    if (!LOWERCASE_UUID.test(event.id)) throw new TypeError(`event id "${event.id}" is not a lowercase UUID`);
    if (event.type.length === 0 || event.type.startsWith('$')) {
      throw new RangeError(`invalid event type "${event.type}": empty or starting with $`);
    }
    if (event.data === undefined) throw new TypeError(`event ${event.id} has no data`);
    if (ids.has(event.id)) throw new DuplicateEventError(`event id ${event.id} appears twice in one append`);
    ids.add(event.id);
  }
}

/** The readable form of an expected revision, as WrongExpectedRevisionError carries it. */
export function describeRevision(revision: ExpectedRevision | bigint | null): string {
  return revision === null ? 'no_stream' : String(revision);
}

/** A `readAll` page size: the given positive integer, or the shared default. */
export function pageSize(maxCount: number | undefined): number {
  if (maxCount === undefined) return DEFAULT_READ_ALL_PAGE;
  if (!Number.isInteger(maxCount) || maxCount < 1) throw new RangeError(`maxCount ${maxCount} is not a positive integer`);
  return maxCount;
}
