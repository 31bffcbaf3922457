/**
 * The bytes of small blobs this process wrote lately, by address, within a byte budget (the oldest go
 * first). An image job reads back the image it just stored (its pixel check, its perceptual hash), and a
 * GridFS read finds chunks by `files_id`, which FerretDB on SQLite answers by scanning every chunk of the
 * bucket: in the distributed images bench each read-back cost more than the one before. A blob's bytes
 * never change under its address, so a copy is as good as the chunks; whether the blob still exists is
 * still asked of the store (by `_id`) on every read.
 */
export class RecentBlobBytes {
  private readonly entries = new Map<string, Buffer>();
  private total = 0;

  constructor(private readonly budgetBytes: number) {}

  remember(sha256: string, bytes: Buffer): void {
    if (bytes.byteLength > this.budgetBytes || this.entries.has(sha256)) return;
    this.entries.set(sha256, bytes);
    this.total += bytes.byteLength;
    for (const [oldest, kept] of this.entries) {
      if (this.total <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.total -= kept.byteLength;
    }
  }

  get(sha256: string): Buffer | undefined {
    return this.entries.get(sha256);
  }

  forget(sha256: string): void {
    const kept = this.entries.get(sha256);
    if (!kept) return;
    this.entries.delete(sha256);
    this.total -= kept.byteLength;
  }
}
