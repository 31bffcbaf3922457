import type { EachBatchPayload } from 'kafkajs';
import { PartitionTracker } from './partition-tracker';

type CommitOffsets = EachBatchPayload['commitOffsetsIfNecessary'];

/**
 * The trackers of this member's partitions and the commits of their commit points. Commits are
 * serialised (a late request must never move an offset back) and coalesced (a burst of finished
 * jobs makes one or two requests). A failed commit is retried by the next call.
 */
export class OffsetCommitter {
  private readonly trackers = new Map<number, PartitionTracker>();
  private commitOffsets?: CommitOffsets;
  private running?: Promise<void>;
  private again = false;

  constructor(
    private readonly topic: string,
    private readonly maxPendingPerPartition: number,
  ) {}

  /** kafkajs hands the commit function to each batch; it stays valid across batches. */
  useCommit(commitOffsets: CommitOffsets): void {
    this.commitOffsets = commitOffsets;
  }

  tracker(partition: number): PartitionTracker {
    let tracker = this.trackers.get(partition);
    if (!tracker) {
      tracker = new PartitionTracker(this.topic, partition, this.maxPendingPerPartition);
      this.trackers.set(partition, tracker);
    }
    return tracker;
  }

  /**
   * Applies the partitions of a new group generation. Kept partitions keep their tracker, so
   * jobs already started are not started again when kafkajs re-fetches from the committed offset.
   * Returns the trackers of revoked partitions: their jobs belong to another member now.
   */
  assign(partitions: readonly number[]): Set<PartitionTracker> {
    const keep = new Set(partitions);
    const revoked = new Set<PartitionTracker>();
    for (const [partition, tracker] of this.trackers) {
      if (keep.has(partition)) continue;
      tracker.revoked = true;
      revoked.add(tracker);
      this.trackers.delete(partition);
    }
    return revoked;
  }

  commit(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.commitUntilQuiet().finally(() => (this.running = undefined));
    return this.running;
  }

  private async commitUntilQuiet(): Promise<void> {
    do {
      this.again = false;
      await this.commitOnce().catch(() => undefined);
    } while (this.again);
  }

  private async commitOnce(): Promise<void> {
    const points = [...this.trackers.values()].flatMap((tracker) => {
      const point = tracker.commitPoint();
      return point === undefined ? [] : [{ tracker, point }];
    });
    if (points.length === 0 || !this.commitOffsets) return;
    const partitions = points.map(({ tracker, point }) => ({ partition: tracker.partition, offset: String(point) }));
    await this.commitOffsets({ topics: [{ topic: this.topic, partitions }] });
    for (const { tracker, point } of points) tracker.markCommitted(point);
  }
}
