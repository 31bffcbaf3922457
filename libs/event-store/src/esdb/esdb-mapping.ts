import {
  DeadlineExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError as EsdbUnavailableError,
  WrongExpectedVersionError,
  jsonEvent,
  type EventData,
  type JSONType,
  type Position,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import { UnavailableError, WrongExpectedRevisionError } from '@trawl/errors';
import { describeRevision } from '../append-guards';
import type { EventMetadata, GlobalPosition, NewEvent, RecordedEvent } from '../event-store.port';

/** The EventStoreDB position as the opaque GlobalPosition `commit:prepare`, both in decimal. */
export function encodePosition(position: Position): GlobalPosition {
  return `${position.commit}:${position.prepare}`;
}

export function decodePosition(position: GlobalPosition): Position {
  const match = /^(\d+):(\d+)$/.exec(position);
  if (!match) throw new TypeError(`"${position}" is not a position of the EventStoreDB event store`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

/** Log order: by commit position, then prepare position within one commit. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** Events the server writes for itself (`$metadata`, `$statsCollected`, links `$>`...). */
export function isSystemEvent(event: { type: string }): boolean {
  return event.type.startsWith('$');
}

export function toEventData(event: NewEvent): EventData {
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data as JSONType,
    metadata: (event.metadata ?? {}) as JSONType,
  });
}

/** Positions come with every event from server 22.6 on; trawl checkpoints cannot work without them. */
export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  if (!event.position) {
    throw new Error(`EventStoreDB returned event ${event.id} without a position: trawl needs server 22.6 or later`);
  }
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: toMetadata(event.metadata),
    streamName: event.streamId,
    revision: event.revision,
    position: encodePosition(event.position),
    recordedAt: event.created,
  };
}

/** Events written by other clients may carry binary or no metadata; the port promises an object. */
function toMetadata(metadata: unknown): EventMetadata {
  const isObject = typeof metadata === 'object' && metadata !== null;
  return isObject && !Array.isArray(metadata) && !(metadata instanceof Uint8Array) ? (metadata as EventMetadata) : {};
}

/** Client errors into the project's hierarchy; anything else passes through unchanged. */
export function translateEsdbError(error: unknown): unknown {
  if (error instanceof WrongExpectedVersionError) {
    return new WrongExpectedRevisionError(
      error.streamName,
      describeRevision(error.expectedVersion),
      describeRevision(error.actualVersion),
    );
  }
  const unreachable = [EsdbUnavailableError, DeadlineExceededError, TimeoutError, NotLeaderError];
  if (unreachable.some((type) => error instanceof type)) {
    return new UnavailableError('EventStoreDB did not answer', { cause: error });
  }
  return error;
}
