import { wantsProgress, type BatchEvent, type WebhookOption } from '@trawl/domain';
import type { Notification } from './watched-task';

/** What the notifier keeps of a batch: its webhook and its task counts (not its URLs). */
export interface WatchedBatch {
  batchId: string;
  webhook: WebhookOption | null;
  /** completed or cancelled once BatchCompleted is in the stream (a cancelled batch completes too). */
  status: 'queued' | 'running' | 'completed' | 'cancelled';
  cancelRequested: boolean;
  /** URLs of the batch (its tasks), as BatchRequested counted them. */
  tasks: number;
  released: number;
  completed: number;
  failed: number;
  cancelled: number;
}

export function isFinalBatch(batch: WatchedBatch): boolean {
  return batch.status === 'completed' || batch.status === 'cancelled';
}

/**
 * Fold step over the batch's own events (Webhook* events of its stream are not batch events and never
 * get here); the state is replaced, never changed in place, so a snapshot handed to a delivery stays put.
 */
export function evolveWatchedBatch(state: WatchedBatch | null, event: BatchEvent): WatchedBatch | null {
  if (event.type === 'BatchRequested') {
    if (state) return state;
    const { batchId, urls, webhook } = event.data;
    return { batchId, webhook: webhook ?? null, status: 'queued', cancelRequested: false, tasks: urls, released: 0, completed: 0, failed: 0, cancelled: 0 };
  }
  if (!state || isFinalBatch(state)) return state;
  switch (event.type) {
    case 'BatchTasksReleased':
      return { ...state, status: 'running', released: Math.max(state.released, event.data.upTo) };
    case 'BatchTaskSettled':
      // Each task settles once: the relay appends it under an id derived from the task.
      return { ...state, [event.data.status]: state[event.data.status] + 1 };
    case 'BatchCancelled':
      return { ...state, cancelRequested: true };
    case 'BatchCompleted': {
      const { tasks, completed, failed, cancelled } = event.data.counts;
      return { ...state, status: state.cancelRequested ? 'cancelled' : 'completed', tasks, completed, failed, cancelled };
    }
    default:
      return state;
  }
}

/** Whether this batch event is worth a webhook: the batch's end, or (when asked) a task of it settling. */
export function batchNotificationFor(before: WatchedBatch | null, after: WatchedBatch | null, event: BatchEvent): Notification | null {
  if (!after?.webhook) return null;
  if (isFinalBatch(after)) return before && !isFinalBatch(before) ? 'final' : null;
  if ((event.type === 'BatchTaskSettled' || event.type === 'BatchTasksReleased') && wantsProgress(after.webhook)) return 'progress';
  return null;
}
