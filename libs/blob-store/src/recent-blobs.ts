/**
 * The bytes of the small blobs this process wrote last, by address, within a byte budget (oldest
 * dropped first). A blob is very often read back right after it is written (an image's pixel check,
 * pHash and thumbnails are computed from the stored bytes, the download having streamed them to the
 * store): served from here, that read costs no file open, stat, reads and close on libuv's pool (file
 * store), nor a chunks find by `files_id`, which FerretDB on SQLite answers by scanning the bucket
 * (GridFS). Blobs are immutable (content-addressed), so an entry stays true until the blob is deleted
 * (`forget`).
 */
export class RecentBlobs {
  private readonly entries = new Map<string, Buffer>();
  private held = 0;

  constructor(
    /** Blobs larger than this are not kept. */
    readonly maxBlobBytes: number,
    /** What all entries together may hold. */
    private readonly budgetBytes: number,
  ) {}

  remember(sha256: string, bytes: Buffer): void {
    if (bytes.length > this.maxBlobBytes || bytes.length > this.budgetBytes) return;
    this.forget(sha256);
    this.entries.set(sha256, bytes);
    this.held += bytes.length;
    for (const [oldest, kept] of this.entries) {
      if (this.held <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.held -= kept.length;
    }
  }

  get(sha256: string): Buffer | undefined {
    return this.entries.get(sha256);
  }

  forget(sha256: string): void {
    const kept = this.entries.get(sha256);
    if (kept === undefined) return;
    this.entries.delete(sha256);
    this.held -= kept.length;
  }

  /** Bytes held now (for tests). */
  get size(): number {
    return this.held;
  }
}
