import type { BatchView, ReadModelStore } from '@trawl/read-models';
import type { ViewSource } from '../../http/sse/view-follower';

/** What each progress message of a batch says: its status and counts. */
export function presentBatchProgress(view: BatchView) {
  return { id: view.id, status: view.status, counts: view.counts, completedAt: view.completedAt };
}

/**
 * A batch's view, followed until it ends (completed, or cancelled and every task settled). Its
 * `sequence` is the message id: it grows with every change the projector counts, task changes too
 * (the view's `revision` only follows the batch's own stream).
 */
export function batchProgressSource(readModels: ReadModelStore, batchId: string): ViewSource<BatchView & { revision: number }> {
  return {
    read: async () => {
      const view = await readModels.getBatch(batchId);
      return view && { ...view, revision: view.sequence };
    },
    isFinal: (view) => view.completedAt !== null,
    toPayload: presentBatchProgress,
  };
}
