import type { EventRow } from './sqlite-rows';

/**
 * The newest stretch of the store-wide log this process has read, as rows: a run known to follow
 * `anchor` with nothing between (anchor → rows[0] → rows[1] → …). Every subscription of a process
 * reads the same new events right after each append; the first one's read fills this, and the others
 * are answered from it instead of running the query and copying the rows out of SQLite again.
 *
 * Why a run stays true: positions are handed out under the write lock, in increasing order, and
 * events are never deleted, so once a read has seen "after X come e1…ek", nothing can later appear
 * between X and ek. What may appear is only after ek, so an answer that reaches the end of the run is
 * completed by a read of the store (see `SqliteEventStore.readAll`). A reader that lags behind the run
 * (catching up) misses here and reads the store, without disturbing the run.
 */
export class RecentEvents {
  private anchor: bigint | null = null;
  private rows: EventRow[] = [];
  private chars = 0;

  constructor(
    /** Rows kept at most (the oldest go first). */
    private readonly maxRows: number,
    /** Characters of data and metadata kept at most: a few big events must not pin megabytes. */
    private readonly maxChars: number,
  ) {}

  /**
   * Up to `maxCount` rows after `from`, as far as the run reaches; undefined when the run does not
   * know what follows `from` (then only the store can say). An empty array: `from` is the run's end.
   */
  after(from: bigint, maxCount: number): EventRow[] | undefined {
    if (this.anchor === null) return undefined;
    const start = from === this.anchor ? 0 : this.indexOf(from) + 1;
    if (start === 0 && from !== this.anchor) return undefined;
    return this.rows.slice(start, start + maxCount);
  }

  /** The position the run reaches (its last row, or its anchor), or null when empty. */
  get end(): bigint | null {
    return this.rows.length > 0 ? this.rows[this.rows.length - 1].position : this.anchor;
  }

  /**
   * Tells what the store answered for "the rows after `from`". It extends the run when it starts at its
   * end, starts a new run when it is past its end, and is ignored when it is behind (a lagging reader).
   */
  record(from: bigint, rows: readonly EventRow[]): void {
    const end = this.end;
    if (end !== null && from < end) return;
    if (end === null || from > end) {
      if (rows.length === 0) return;
      this.anchor = from;
      this.rows = [];
      this.chars = 0;
    }
    for (const row of rows) {
      this.rows.push(row);
      this.chars += row.data.length + row.metadata.length;
    }
    this.trim();
  }

  get size(): number {
    return this.rows.length;
  }

  /** Past a bound, down to three quarters of it: the copy of the kept rows is paid now and then, not per read. */
  private trim(): void {
    if (this.rows.length <= this.maxRows && this.chars <= this.maxChars) return;
    let drop = 0;
    while (drop < this.rows.length && (this.rows.length - drop > (this.maxRows * 3) / 4 || this.chars > (this.maxChars * 3) / 4)) {
      this.chars -= this.rows[drop].data.length + this.rows[drop].metadata.length;
      drop += 1;
    }
    if (drop === 0) return;
    this.anchor = this.rows[drop - 1].position;
    this.rows = this.rows.slice(drop);
  }

  /** Binary search by position; -1 when `position` is not a row of the run. */
  private indexOf(position: bigint): number {
    let low = 0;
    let high = this.rows.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const at = this.rows[middle].position;
      if (at === position) return middle;
      if (at < position) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}
