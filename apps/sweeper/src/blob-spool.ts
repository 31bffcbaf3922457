import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { NotFoundError } from '@trawl/errors';
import type { BlobStore } from '@trawl/blob-store';

/** What a spool was kept for: the re-check reads the log after `checkpoint`, ignoring `taskIds`. */
export interface SpoolManifest {
  checkpoint: string | null;
  taskIds: string[];
}

const MANIFEST = 'manifest.json';

/**
 * Copies of the blobs a sweep deletes, kept on local disk (under the data dir) until the re-check is
 * done: a blob that a task linked while the sweep ran is written back from here (ADR 0009). A sweep
 * that crashed leaves its spool behind, and the next start re-checks and restores from it. Streamed
 * both ways, never held in memory.
 */
export class BlobSpool {
  private constructor(
    readonly dir: string,
    readonly manifest: SpoolManifest,
    private readonly kept: Map<string, string | undefined>,
  ) {}

  static async create(root: string, manifest: SpoolManifest): Promise<BlobSpool> {
    const dir = join(root, randomUUID());
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, MANIFEST), JSON.stringify(manifest));
    return new BlobSpool(dir, manifest, new Map());
  }

  /** Spools that sweeps left behind (crashed), older than `minAgeMs` so that one in use is not taken. */
  static async leftovers(root: string, minAgeMs: number, now = Date.now()): Promise<BlobSpool[]> {
    const names = await readdir(root).catch(() => [] as string[]);
    const spools: BlobSpool[] = [];
    for (const name of names) {
      const dir = join(root, name);
      const written = await stat(join(dir, MANIFEST)).catch(() => null);
      if (!written || now - written.mtimeMs < minAgeMs) continue;
      const manifest = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as SpoolManifest;
      const kept = new Map<string, string | undefined>();
      for (const file of await readdir(dir)) {
        if (/^[0-9a-f]{64}$/.test(file)) kept.set(file, (await readFile(join(dir, `${file}.type`), 'utf8').catch(() => '')) || undefined);
      }
      spools.push(new BlobSpool(dir, manifest, kept));
    }
    return spools;
  }

  /** The blobs copied here. */
  get blobs(): string[] {
    return [...this.kept.keys()];
  }

  /** Copies the blob here; false when it is not stored (deleted already). */
  async keep(blobs: BlobStore, sha256: string): Promise<boolean> {
    const info = await blobs.stat(sha256);
    if (!info) return false;
    try {
      if (info.contentType) await writeFile(join(this.dir, `${sha256}.type`), info.contentType);
      await pipeline(await blobs.read(sha256), createWriteStream(join(this.dir, sha256)));
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
    this.kept.set(sha256, info.contentType);
    return true;
  }

  /** Writes a kept blob back to the store (same bytes, same address). */
  async restore(blobs: BlobStore, sha256: string): Promise<boolean> {
    if (!this.kept.has(sha256)) return false;
    const contentType = this.kept.get(sha256);
    await blobs.write(createReadStream(join(this.dir, sha256)), contentType ? { contentType } : {});
    return true;
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
