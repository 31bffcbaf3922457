import type { BatchEvent } from '@trawl/domain';
import { emptyBatchCounts, type BatchView, type TaskStatus, type TaskView } from '@trawl/read-models';

/** What one task adds to its batch's counts (a task without a view yet counts as queued). */
export interface TaskContribution {
  status: Exclude<TaskStatus, 'expired'>;
  found: number;
  stored: number;
  failed: number;
  textBytes: number;
}

export function contributionOf(view: TaskView | null): TaskContribution {
  return {
    // An expired task never reaches here (the projection leaves the batch's counts as the task ended).
    status: view && view.status !== 'expired' ? view.status : 'queued',
    found: view?.progress.imagesFound ?? 0,
    stored: view?.progress.imagesStored ?? 0,
    failed: view?.progress.imagesFailed ?? 0,
    textBytes: view?.text?.bytes ?? 0,
  };
}

/**
 * Moves a batch view's counts by one task's change (pure; returns a new view): its status from one
 * column to another, its image counts and bytes by the difference. `imageBytes` are the bytes of the
 * images the change stored (the task view keeps counts, not sizes).
 */
export function applyTaskChange(view: BatchView, before: TaskContribution, after: TaskContribution, imageBytes: number, recordedAt: string): BatchView {
  const tasks = { ...view.counts.tasks };
  tasks[before.status] -= 1;
  tasks[after.status] += 1;
  const images = {
    found: view.counts.images.found + after.found - before.found,
    stored: view.counts.images.stored + after.stored - before.stored,
    failed: view.counts.images.failed + after.failed - before.failed,
  };
  const bytesStored = view.counts.bytesStored + after.textBytes - before.textBytes + imageBytes;
  return withStatus({ ...view, counts: { tasks, images, bytesStored }, updatedAt: latest(view.updatedAt, recordedAt), sequence: view.sequence + 1 });
}

/** A batch view after one event of the batch's stream (null: nothing to show yet). */
export function projectBatchEvent(view: BatchView | null, event: BatchEvent, meta: { revision: number; recordedAt: string }): BatchView | null {
  if (event.type === 'BatchRequested') {
    if (view) return view;
    const { batchId, options, requestedAt, urls, duplicates, rejected } = event.data;
    return {
      id: batchId, status: 'queued', options: { collect: options.collect, respectRobots: options.respectRobots, ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}) }, counts: emptyBatchCounts(urls),
      duplicates, rejected, released: 0, cancelled: false, completedAt: null, createdAt: requestedAt, updatedAt: meta.recordedAt,
      revision: meta.revision, appliedThrough: null, sequence: 1,
    };
  }
  if (!view) return null;
  const next: BatchView = { ...view, counts: { ...view.counts, tasks: { ...view.counts.tasks } }, revision: meta.revision, updatedAt: latest(view.updatedAt, meta.recordedAt), sequence: view.sequence + 1 };
  switch (event.type) {
    case 'BatchTasksReleased':
      // The relay ignores a release appended after the cancel; so does the view.
      if (!next.cancelled) next.released = Math.max(next.released, event.data.upTo);
      break;
    case 'BatchCancelled':
      if (!next.cancelled) {
        // URLs never released have no task to cancel: they move from queued to cancelled here.
        const unreleased = next.counts.tasks.total - next.released;
        next.cancelled = true;
        next.counts.tasks.queued -= unreleased;
        next.counts.tasks.cancelled += unreleased;
      }
      break;
    case 'BatchCompleted':
      next.completedAt ??= event.data.completedAt;
      break;
    case 'BatchExpired':
      next.expiredAt ??= event.data.expiredAt;
      break;
    default:
      break;
  }
  return withStatus(next);
}

function withStatus(view: BatchView): BatchView {
  const { total, queued } = view.counts.tasks;
  const status = view.expiredAt ? 'expired' : view.cancelled ? 'cancelled' : view.completedAt ? 'completed' : total - queued > 0 ? 'running' : 'queued';
  return status === view.status ? view : { ...view, status };
}

/** The later of two ISO times: an event batch applies batch events before task changes, so take the max. */
function latest(a: string, b: string): string {
  return a > b ? a : b;
}
