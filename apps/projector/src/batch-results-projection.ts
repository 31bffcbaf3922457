import { isFinalResultStatus, type BatchResultImage, type BatchResultRow, type ImageView, type ReadModelStore, type TaskView } from '@trawl/read-models';
import type { ImageFacts } from './image-facts';

/** The outcome row of a task view (see BatchResultRow). */
export function resultRowOf(view: TaskView & { batchId: string }): BatchResultRow {
  return { batchId: view.batchId, taskId: view.id, status: view.status, hasText: view.text !== null, imagesStored: view.progress.imagesStored, revision: view.revision };
}

/**
 * Whether an event batch that took a task's view from `before` to `after` changes its outcome row:
 * when the task becomes final (the one write of nearly every task), and when a final task's result
 * changes (expiry, a re-extraction that adds or drops text) or it is live again (a requeue).
 */
export function resultRowChanged(before: TaskView | null, after: TaskView): boolean {
  if (!isFinalResultStatus(after.status)) return before !== null && isFinalResultStatus(before.status);
  if (!before || !isFinalResultStatus(before.status)) return true;
  return before.status !== after.status || (before.text !== null) !== (after.text !== null) || before.progress.imagesStored !== after.progress.imagesStored;
}

/**
 * The results projection's share of an event batch (see BatchResultRow): the stored images of the
 * batch's tasks, each its image's first outcome (as the image rows keep it), and the outcome rows of
 * the tasks whose result changed. Pure in memory; `save` writes it in one call.
 */
export class BatchResultChanges {
  private readonly rows: BatchResultRow[] = [];
  private readonly images: BatchResultImage[] = [];
  private readonly expired: string[] = [];

  /**
   * One task's fold: its view before and after the batch's events, the image rows those events made,
   * and its image facts after the fold (which outcome was each image's first).
   */
  addTask(before: TaskView | null, after: TaskView | null, imageRows: readonly ImageView[], facts: ImageFacts): void {
    const batchId = after?.batchId;
    if (!after || !batchId) return;
    if (after.status === 'expired') {
      // Its content is removed (ADR 0009), and so are its result images, whenever they were written.
      this.expired.push(after.id);
    } else {
      for (const row of imageRows) {
        if (row.status !== 'stored' || row.sha256 === null || facts.outcomeRevision.get(row.id) !== row.revision) continue;
        this.images.push({
          batchId, taskId: row.taskId, id: row.id, ordinal: row.ordinal, sourceUrl: row.sourceUrl, sha256: row.sha256,
          ...(row.perceptualHash === undefined ? {} : { perceptualHash: row.perceptualHash }),
        });
      }
    }
    if (resultRowChanged(before, after)) this.rows.push(resultRowOf({ ...after, batchId }));
  }

  /** After the task views (a reader that finds no final row reads the task live, which is as right). */
  async save(store: ReadModelStore): Promise<void> {
    if (this.rows.length === 0 && this.images.length === 0 && this.expired.length === 0) return;
    await store.saveBatchResults({ rows: this.rows, images: this.images, expiredTaskIds: this.expired });
  }
}
