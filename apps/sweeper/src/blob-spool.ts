import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { NotFoundError } from '@trawl/errors';
import type { BlobStore } from '@trawl/blob-store';

/**
 * Copies of the blobs a sweep deletes, kept on local disk until the re-check is done: a blob that a
 * task linked while the sweep ran is written back from here (ADR 0009). Streamed both ways, never held
 * in memory.
 */
export class BlobSpool {
  private readonly kept = new Map<string, { path: string; contentType?: string }>();

  private constructor(private readonly dir: string) {}

  static async create(): Promise<BlobSpool> {
    return new BlobSpool(await mkdtemp(join(tmpdir(), 'trawl-sweeper-')));
  }

  /** Copies the blob here; false when it is not stored (deleted already). */
  async keep(blobs: BlobStore, sha256: string): Promise<boolean> {
    const info = await blobs.stat(sha256);
    if (!info) return false;
    const path = join(this.dir, sha256);
    try {
      await pipeline(await blobs.read(sha256), createWriteStream(path));
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
    this.kept.set(sha256, { path, ...(info.contentType ? { contentType: info.contentType } : {}) });
    return true;
  }

  /** Writes a kept blob back to the store (same bytes, same address). */
  async restore(blobs: BlobStore, sha256: string): Promise<boolean> {
    const copy = this.kept.get(sha256);
    if (!copy) return false;
    await blobs.write(createReadStream(copy.path), copy.contentType ? { contentType: copy.contentType } : {});
    return true;
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
