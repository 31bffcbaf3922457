import type { StepEvent, TaskEvent } from '@trawl/domain';

/**
 * What a handler made of a job that it finished (a job it rethrows is retried or handed back).
 * `skipped`: nothing to do (the task was final, or the outcome was already recorded by a previous
 * delivery). `cancelled`: the task was cancelled while the job waited or ran (its download aborted). `bytes`: the page's or image's size, when it was downloaded.
 */
export interface JobOutcome {
  outcome: 'fetched' | 'stored' | 'failed' | 'skipped' | 'cancelled';
  bytes?: number;
  errorCode?: string;
}

export const SKIPPED: JobOutcome = { outcome: 'skipped' };
export const CANCELLED: JobOutcome = { outcome: 'cancelled' };

/** The outcome of a page job from the events it appended (none: a concurrent writer won). */
export function pageJobOutcome(appended: readonly StepEvent[]): JobOutcome {
  for (const { event } of appended) {
    if (event.type === 'PageFetched') return { outcome: 'fetched', bytes: event.data.bytes };
    if (event.type === 'TaskFailed') return { outcome: 'failed', errorCode: event.data.error.code };
  }
  return SKIPPED;
}

/** The outcome of an image job from its ImageStored or ImageFailed event. */
export function imageJobOutcome(event: TaskEvent): JobOutcome {
  if (event.type === 'ImageStored') return { outcome: 'stored', bytes: event.data.bytes };
  if (event.type === 'ImageFailed') return { outcome: 'failed', errorCode: event.data.error.code };
  return SKIPPED;
}
