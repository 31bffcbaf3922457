import { createHash } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '@trawl/event-store';
import { deterministicEventId } from '../task/event-ids';
import { imageUploaded, UPLOAD_EVENT_SCHEMA_VERSION, type ImageUploaded, type UploadEvent } from './upload-events';

const UPLOAD_STREAM_PREFIX = 'upload-';
const UPLOAD_ID = /^[0-9a-f]{32}$/;

/** The one place that names an upload's stream. */
export function uploadStreamName(uploadId: string): string {
  return `${UPLOAD_STREAM_PREFIX}${uploadId}`;
}

export function uploadIdFromStreamName(streamName: string): string | null {
  return streamName.startsWith(UPLOAD_STREAM_PREFIX) ? streamName.slice(UPLOAD_STREAM_PREFIX.length) : null;
}

/**
 * An upload's id, from its bytes' SHA-256: 32 hex digits of a hash of it (not the SHA-256 itself, so
 * an id is not mistaken for a blob address, and can change scheme without touching blobs). The same
 * bytes always get the same id: that is what makes a repeated upload create nothing new.
 */
export function uploadIdFor(sha256: string): string {
  return createHash('sha256').update(`upload\u0000${sha256}`).digest('hex').slice(0, 32);
}

export function isUploadId(value: unknown): value is string {
  return typeof value === 'string' && UPLOAD_ID.test(value);
}

/**
 * Decides what an upload appends, given its stream so far: ImageUploaded the first time, nothing when
 * the bytes were uploaded before. The event id is derived from the upload id, so even two racing
 * first uploads of the same bytes append one event.
 */
export function decideUpload(history: readonly RecordedEvent[], upload: ImageUploaded): NewEvent<'ImageUploaded', ImageUploaded>[] {
  if (history.some((event) => event.type === 'ImageUploaded')) return [];
  return [
    {
      id: deterministicEventId(uploadStreamName(upload.uploadId), 'uploaded'),
      type: 'ImageUploaded',
      data: imageUploaded.parse(upload),
      metadata: { schemaVersion: UPLOAD_EVENT_SCHEMA_VERSION },
    },
  ];
}

/** The upload an upload stream records, or null (no such upload). */
export function uploadFromHistory(history: readonly RecordedEvent[]): ImageUploaded | null {
  const recorded = history.find((event) => event.type === 'ImageUploaded');
  if (!recorded) return null;
  const event: UploadEvent = { type: 'ImageUploaded', data: imageUploaded.parse(recorded.data) };
  return event.data;
}
