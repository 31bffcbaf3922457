import { hash as sha256Of } from 'node:crypto';

/**
 * A deterministic event id for one step of one task, formatted as a UUID (EventStoreDB requires UUIDs).
 * The same step retried or redelivered yields the same id, so the append is idempotent.
 * Shape: version 8 ("custom") UUID with the variant bits set, from SHA-256 of the step name.
 */
export function deterministicEventId(taskId: string, step: string): string {
  const hash = sha256Of('sha256', `${taskId}\u0000${step}`, 'buffer');
  hash[6] = (hash[6] & 0x0f) | 0x80;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The step names, kept together so two writers can never name the same step differently. */
export const steps = {
  requested: 'requested',
  started: 'started',
  pageFetched: 'page-fetched',
  imagesDiscovered: (chunk: number) => `images-discovered:${chunk}`,
  imageOutcome: (imageId: string) => `image:${imageId}`,
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
  requeued: 'requeued',
} as const;

/**
 * A step's name within a run of the task. A requeued task runs its steps again (ADR 0005); the events
 * of run 2 and later need ids of their own, or the store would take them for retries of run 1's and
 * write nothing. Run 1 keeps the plain names, so the ids of events written before requeue existed hold.
 */
export function stepInRun(step: string, run: number): string {
  return run <= 1 ? step : `${step}@run-${run}`;
}
