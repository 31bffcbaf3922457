import type { EventMetadata, GlobalPosition, RecordedEvent } from '../event-store.port';

/** A row of `events` as read with bigint integers. */
export interface EventRow {
  position: bigint;
  stream: string;
  revision: bigint;
  id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    streamName: row.stream,
    revision: row.revision,
    position: encodePosition(row.position),
    recordedAt: new Date(row.recorded_at),
  };
}

/** The SQLite position is the global sequence number, written in decimal. */
export function encodePosition(sequence: bigint | number): GlobalPosition {
  return BigInt(sequence).toString(10);
}

/** Undefined means "before the first event" (sequence numbers start at 1). */
export function decodePosition(position: GlobalPosition | undefined): bigint {
  if (position === undefined) return 0n;
  if (!/^(0|[1-9][0-9]*)$/.test(position)) {
    throw new TypeError(`"${position}" is not a position of the SQLite event store`);
  }
  return BigInt(position);
}
