/**
 * Offsets of one assigned partition: which jobs were started, which are still unfinished, and so
 * the offset that can be committed. Jobs finish out of order; the commit point is the oldest
 * unfinished offset (or one past the newest started), so a commit never skips an unfinished job.
 */
export class PartitionTracker {
  private readonly pending = new Set<number>();
  private newestStarted = -1;
  private committed = -1;
  /** Set once the partition was revoked: its jobs no longer commit. */
  revoked = false;

  constructor(
    readonly topic: string,
    readonly partition: number,
    private readonly maxPending: number,
  ) {}

  /** False for an offset this member already started: a re-fetch after a rebalance. */
  isNew(offset: number): boolean {
    return offset > this.newestStarted;
  }

  hasRoom(): boolean {
    return this.pending.size < this.maxPending;
  }

  start(offset: number): void {
    this.pending.add(offset);
    this.newestStarted = Math.max(this.newestStarted, offset);
  }

  finish(offset: number): void {
    this.pending.delete(offset);
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** The offset to commit (the next one to read), if it moved past the last commit. */
  commitPoint(): number | undefined {
    if (this.newestStarted < 0) return undefined;
    let point = this.newestStarted + 1;
    for (const offset of this.pending) point = Math.min(point, offset);
    return point > this.committed ? point : undefined;
  }

  markCommitted(point: number): void {
    this.committed = Math.max(this.committed, point);
  }
}
