import type { ErrorInfo, TaskEvent, WebhookOption } from '@trawl/domain';
import { wantsProgress } from '@trawl/domain';

/** What the notifier keeps of a task: its webhook, status and counts (not its images). */
export interface WatchedTask {
  taskId: string;
  webhook: WebhookOption | null;
  status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
  /** 1, then one more per requeue: a final status of run 2 is a delivery of its own. */
  run: number;
  imagesFound: number;
  imagesStored: number;
  imagesFailed: number;
  error: ErrorInfo | null;
}

const FINAL = new Set<WatchedTask['status']>(['completed', 'failed', 'cancelled']);

export function isFinalStatus(status: WatchedTask['status']): boolean {
  return FINAL.has(status);
}

/** Fold step; the state is replaced, never changed in place (a snapshot handed to a delivery stays put). */
export function evolveWatched(state: WatchedTask | null, event: TaskEvent): WatchedTask | null {
  if (event.type === 'TaskRequested') {
    if (state) return state;
    const { taskId, webhook } = event.data;
    return { taskId, webhook: webhook ?? null, status: 'queued', run: 1, imagesFound: 0, imagesStored: 0, imagesFailed: 0, error: null };
  }
  if (!state) return null;
  if (event.type === 'TaskRequeued') return { ...state, status: 'queued', run: event.data.run, imagesFound: 0, imagesStored: 0, imagesFailed: 0, error: null };
  // Outcomes that arrive after the end (downloads finishing after a cancel) change nothing reported.
  if (isFinalStatus(state.status)) return state;
  switch (event.type) {
    case 'TaskStarted':
      return { ...state, status: 'running' };
    case 'PageFetched':
      return { ...state, status: 'running', imagesFound: event.data.imagesFound };
    case 'ImageStored':
      return { ...state, imagesStored: state.imagesStored + 1 };
    case 'ImageFailed':
      return { ...state, imagesFailed: state.imagesFailed + 1 };
    case 'TaskCompleted':
      return { ...state, status: 'completed', imagesStored: event.data.imagesStored, imagesFailed: event.data.imagesFailed };
    case 'TaskFailed':
      return { ...state, status: 'failed', error: event.data.error };
    case 'TaskCancelled':
      return { ...state, status: 'cancelled' };
    default:
      return state;
  }
}

export type Notification = 'final' | 'progress';

const PROGRESS_EVENTS = new Set<TaskEvent['type']>(['TaskStarted', 'PageFetched', 'ImageStored', 'ImageFailed']);

/** Whether this event is worth a webhook: the task's end, or (when asked) a step of its progress. */
export function notificationFor(before: WatchedTask | null, after: WatchedTask | null, event: TaskEvent): Notification | null {
  if (!after?.webhook) return null;
  const ended = isFinalStatus(after.status) && (!before || !isFinalStatus(before.status) || before.run !== after.run);
  if (ended) return 'final';
  if (!isFinalStatus(after.status) && PROGRESS_EVENTS.has(event.type) && wantsProgress(after.webhook)) return 'progress';
  return null;
}
