import { blobsReferencedBy, type TaskEvent } from '@trawl/domain';
import type { BlobReference, ReadModelStore, TaskView } from '@trawl/read-models';

/**
 * Retention's share of an event batch (ADR 0009): the blob references the batch's events add, and the
 * tasks it expires. A task that ends the batch expired gets no references (even from its own earlier
 * events in the batch, as in a rebuild), and its image rows and references are removed after the
 * batch's rows are written, so a rebuild after a sweep gives the same read models.
 */
export class RetentionChanges {
  private readonly references: BlobReference[] = [];
  private readonly expired = new Set<string>();

  /** One task's events of the batch, and its view after them. */
  addTask(taskId: string, events: Iterable<TaskEvent>, after: TaskView | null): void {
    if (after?.status === 'expired') {
      this.expired.add(taskId);
      return;
    }
    for (const event of events) for (const sha256 of blobsReferencedBy(event)) this.references.push({ sha256, taskId });
  }

  /** Before the task views: a reader who sees a task's text finds the reference that keeps it. */
  async saveReferences(store: ReadModelStore): Promise<void> {
    if (this.references.length > 0) await store.saveBlobReferences(this.references);
  }

  /** After the image rows: what the batch wrote for an expired task goes too. */
  async removeExpiredContent(store: ReadModelStore): Promise<void> {
    if (this.expired.size > 0) await store.removeTaskContent([...this.expired]);
  }
}
