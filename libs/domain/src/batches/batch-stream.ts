import { deterministicEventId } from '../task/event-ids';

const BATCH_STREAM_PREFIX = 'batch-';

/** The one place that names a batch's stream. */
export function batchStreamName(batchId: string): string {
  return `${BATCH_STREAM_PREFIX}${batchId}`;
}

export function batchIdFromStreamName(streamName: string): string | null {
  return streamName.startsWith(BATCH_STREAM_PREFIX) ? streamName.slice(BATCH_STREAM_PREFIX.length) : null;
}

/**
 * The task of a URL in a batch: a UUID derived from the batch and the normalised URL, so a URL sent
 * twice in one batch is one task, and an expansion replayed after a crash requests the same tasks.
 */
export function batchTaskId(batchId: string, url: string): string {
  return deterministicEventId(batchStreamName(batchId), `task:${url}`);
}

/** An event id of the batch's stream, from its step (the same step always gets the same id). */
export function batchEventId(batchId: string, step: string): string {
  return deterministicEventId(batchStreamName(batchId), step);
}

export const batchSteps = {
  requested: 'requested',
  urlsAdded: (chunk: number) => `urls:${chunk}`,
  released: (upTo: number) => `released:${upTo}`,
  settled: (taskId: string) => `settled:${taskId}`,
  completed: 'completed',
  cancelled: 'cancelled',
} as const;

/** URLs per BatchUrlsAdded event. */
export const BATCH_CHUNK = 1000;
