import type { RecordedEvent } from '@trawl/event-store';
import { toBatchEvent, type BatchEvent } from '@trawl/domain';
import { batchNotificationFor, evolveWatchedBatch, isFinalBatch, type WatchedBatch } from './watched-batch';
import type { Notification } from './watched-task';

const FINISHED_MEMORY = 10_000;

export interface BatchNotification {
  batch: WatchedBatch;
  notification: Notification;
  recorded: RecordedEvent;
}

/**
 * Follows every batch from the store-wide log and says which of its events deserves a webhook, as
 * TaskWatch does for tasks. Unfinished batches are kept in memory (counts only); a batch first seen
 * mid-stream (after a restart from a checkpoint) is hydrated from its events before the current one,
 * BatchRequested (and its webhook) included. Events of the stream that are not batch events (the
 * notifier's own Webhook* records) are passed over.
 */
export class BatchWatch {
  private readonly batches = new Map<string, WatchedBatch | null>();
  private readonly finished = new Set<string>();

  /** `readEarlier`: the batch events of the stream before the recorded one. */
  constructor(private readonly readEarlier: (recorded: RecordedEvent, batchId: string) => AsyncIterable<BatchEvent> | Iterable<BatchEvent>) {}

  async apply(recorded: RecordedEvent, batchId: string): Promise<BatchNotification | null> {
    const event = toBatchEvent(recorded);
    if (!event || this.finished.has(batchId)) return null;
    const before = await this.stateBefore(recorded, batchId);
    const after = evolveWatchedBatch(before, event);
    if (after && isFinalBatch(after)) {
      this.batches.delete(batchId);
      this.rememberFinished(batchId);
    } else {
      this.batches.set(batchId, after);
    }
    const notification = batchNotificationFor(before, after, event);
    return notification && after ? { batch: after, notification, recorded } : null;
  }

  get watchedBatches(): number {
    return this.batches.size;
  }

  private async stateBefore(recorded: RecordedEvent, batchId: string): Promise<WatchedBatch | null> {
    if (this.batches.has(batchId)) return this.batches.get(batchId) ?? null;
    if (recorded.revision === 0n) return null;
    let state: WatchedBatch | null = null;
    for await (const event of this.readEarlier(recorded, batchId)) state = evolveWatchedBatch(state, event);
    return state;
  }

  private rememberFinished(batchId: string): void {
    this.finished.add(batchId);
    if (this.finished.size > FINISHED_MEMORY) {
      const oldest = this.finished.values().next().value;
      if (oldest !== undefined) this.finished.delete(oldest);
    }
  }
}
