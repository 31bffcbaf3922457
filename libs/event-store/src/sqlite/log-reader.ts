import { RecentEvents } from './recent-events';
import type { EventRow } from './sqlite-rows';

/** The newest stretch of the log kept for the process's subscriptions (see RecentEvents). */
const RECENT_ROWS = 4096;
const RECENT_CHARS = 8 * 1024 * 1024;
/**
 * How long a subscription's read that found nothing after the run's end answers for the subscriptions
 * reading after it, unless this process appended since: those woken by one append read within a few
 * milliseconds, and another process's appends are only polled for (every pollIntervalMs) anyway.
 */
const HEAD_SEEN_FOR_MS = 5;

/**
 * Reads of the store-wide log, `after` a position. Each subscription of a process reads the same new
 * events after an append: the rows the first one read are kept (RecentEvents), and the others get
 * them from there, plus a read of whatever follows, or nothing more when that was just found to be
 * nothing. Rows, not events: each reader parses events of its own,
 * so none sees another's changes.
 */
export class LogReader {
  private readonly recent = new RecentEvents(RECENT_ROWS, RECENT_CHARS);
  /** Appends this process has written: a change means the head seen before has moved. */
  private appendsWritten = 0;
  /** The last read that reached the head: where, when, and after how many appends. */
  private headSeen = { position: -1n, at: 0, appends: -1 };

  constructor(
    /** The store's answer: up to `maxCount` rows after `from`. */
    private readonly query: (from: bigint, maxCount: number) => EventRow[],
    private readonly clock: () => number = Date.now,
  ) {}

  /** Call once an append of this process is committed, before its listeners run. */
  appended(): void {
    this.appendsWritten += 1;
  }

  /**
   * Up to `maxCount` rows after `from`, read past the kept stretch and left out of it: for one-off
   * readers of the whole log (a rebuild, the sweeper), whose pages would only push the newest events,
   * which the subscriptions read, out of it, and cost the copying for nothing.
   */
  uncached(from: bigint, maxCount: number): EventRow[] {
    return this.query(from, maxCount);
  }

  /**
   * Up to `maxCount` rows after `from`: fewer when the end of the log was reached, or when another
   * process's appends of the last few milliseconds are left for the next read.
   */
  forSubscription(from: bigint, maxCount: number): EventRow[] {
    const known = this.recent.after(from, maxCount) ?? [];
    if (known.length === maxCount) return known;
    const readFrom = known.length > 0 ? known[known.length - 1].position : from;
    if (this.isHeadSeen(readFrom)) return known;
    const wanted = maxCount - known.length;
    const read = this.query(readFrom, wanted);
    this.recent.record(readFrom, read);
    if (read.length < wanted) {
      this.headSeen = { position: read.length > 0 ? read[read.length - 1].position : readFrom, at: this.clock(), appends: this.appendsWritten };
    }
    return known.length > 0 ? known.concat(read) : read;
  }

  private isHeadSeen(position: bigint): boolean {
    const seen = this.headSeen;
    return position === seen.position && seen.appends === this.appendsWritten && this.clock() - seen.at < HEAD_SEEN_FOR_MS;
  }
}
