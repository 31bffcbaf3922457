import { constants } from 'node:fs';
import { access, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { NotFoundError, UnavailableError } from '@trawl/errors';
import { BlobMeter, assertReference, isReferenceName, isSha256Address, resolveRange } from '../blob-address';
import type { BlobInfo, BlobStore, ByteRange, WriteBlobOptions } from '../blob-store.port';
import { FileBlobLayout, type FileBlobMetadata } from './file-blob-layout';

/**
 * Blob store on the local file system (the embedded mode). A write streams into a temp file while
 * hashing, then renames it to its address: readers never see a partial blob, and the same bytes end
 * up in one file however many writers race (a rename onto identical bytes changes nothing).
 */
export class FileBlobStore implements BlobStore {
  private readonly layout: FileBlobLayout;

  private constructor(dir: string) {
    this.layout = new FileBlobLayout(dir);
  }

  /**
   * Opens (creating if needed) a store rooted at `dir`, and drops temp files a crash left behind.
   * Only old ones: another process sharing the directory may be writing the young ones.
   */
  static async open(dir: string, options: { staleTempAfterMs?: number } = {}): Promise<FileBlobStore> {
    const store = new FileBlobStore(dir);
    const tempDir = store.layout.tempDir;
    await fsCall(mkdir(tempDir, { recursive: true }));
    const cutoff = Date.now() - (options.staleTempAfterMs ?? 60 * 60 * 1000);
    for (const name of await fsCall(readdir(tempDir))) {
      const path = join(tempDir, name);
      const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: Date.now() }));
      if (mtimeMs < cutoff) await rm(path, { force: true });
    }
    return store;
  }

  async write(source: AsyncIterable<Uint8Array> | Readable, options: WriteBlobOptions = {}): Promise<BlobInfo> {
    const meter = new BlobMeter(options.maxBytes);
    const tempPath = this.layout.newTempPath('.part');
    try {
      await copyToFile(source, tempPath, meter);
      const sha256 = meter.sha256();
      const existing = await this.stat(sha256);
      if (existing) return existing;
      const blobPath = this.layout.blobPath(sha256);
      await fsCall(mkdir(dirname(blobPath), { recursive: true }));
      // Metadata first: once the blob is visible under its address, its sidecar is already there.
      if (options.contentType !== undefined) await this.writeMetadata(sha256, { contentType: options.contentType });
      await fsCall(rename(tempPath, blobPath));
      return withContentType({ sha256, bytes: meter.bytes }, options.contentType);
    } finally {
      await rm(tempPath, { force: true });
    }
  }

  async stat(sha256: string): Promise<BlobInfo | null> {
    if (!isSha256Address(sha256)) return null;
    try {
      const { size } = await stat(this.layout.blobPath(sha256));
      const metadata = await this.readMetadata(sha256);
      return withContentType({ sha256, bytes: size }, metadata.contentType);
    } catch (error) {
      if (isMissing(error)) return null;
      throw unavailable(error);
    }
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable> {
    if (!isSha256Address(sha256)) throw new NotFoundError(`blob ${String(sha256)} is not stored`);
    // One open handle for both size and bytes: a concurrent delete cannot slip in between.
    const handle = await open(this.layout.blobPath(sha256), 'r').catch((error: unknown) => {
      throw isMissing(error) ? new NotFoundError(`blob ${sha256} is not stored`) : unavailable(error);
    });
    try {
      const resolved = resolveRange(range, (await handle.stat()).size);
      return handle.createReadStream(resolved ?? {});
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async delete(sha256: string): Promise<void> {
    if (!isSha256Address(sha256)) return;
    try {
      await rm(this.layout.blobPath(sha256), { force: true });
      await rm(this.layout.metadataPath(sha256), { force: true });
    } catch (error) {
      throw unavailable(error);
    }
  }

  async setReference(name: string, sha256: string): Promise<void> {
    assertReference(name, sha256);
    if (!(await this.stat(sha256))) throw new NotFoundError(`blob ${sha256} is not stored`);
    const path = this.layout.referencePath(name);
    await fsCall(mkdir(dirname(path), { recursive: true }));
    await this.writeJsonAtomically(path, { sha256 });
  }

  async getReference(name: string): Promise<string | null> {
    if (!isReferenceName(name)) return null;
    try {
      const { sha256 } = JSON.parse(await readFile(this.layout.referencePath(name), 'utf8')) as { sha256?: unknown };
      return isSha256Address(sha256) ? sha256 : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw unavailable(error);
    }
  }

  async ping(): Promise<void> {
    await fsCall(access(this.layout.tempDir, constants.W_OK));
  }

  async close(): Promise<void> {}

  private async writeMetadata(sha256: string, metadata: FileBlobMetadata): Promise<void> {
    await this.writeJsonAtomically(this.layout.metadataPath(sha256), metadata);
  }

  /** Through a temp file and a rename: a reader sees the old content or the new, never half of it. */
  private async writeJsonAtomically(path: string, value: unknown): Promise<void> {
    const tempPath = this.layout.newTempPath('.json');
    try {
      await fsCall(writeFile(tempPath, JSON.stringify(value), { flag: 'wx' }));
      await fsCall(rename(tempPath, path));
    } finally {
      await rm(tempPath, { force: true });
    }
  }

  private async readMetadata(sha256: string): Promise<FileBlobMetadata> {
    try {
      return JSON.parse(await readFile(this.layout.metadataPath(sha256), 'utf8')) as FileBlobMetadata;
    } catch (error) {
      if (isMissing(error)) return {};
      throw error;
    }
  }
}

/**
 * Streams the source into a new file chunk by chunk (each write awaited: bounded memory), synced.
 * The source's own errors pass through as they are; only the file system's become UnavailableError.
 */
async function copyToFile(source: AsyncIterable<Uint8Array | string>, path: string, meter: BlobMeter): Promise<void> {
  const file = await fsCall(open(path, 'wx'));
  try {
    for await (const chunk of source) {
      const bytes = meter.add(chunk);
      if (bytes.byteLength > 0) await fsCall(file.write(bytes));
    }
    await fsCall(file.sync());
  } finally {
    await file.close();
  }
}

function withContentType(info: BlobInfo, contentType: string | undefined): BlobInfo {
  return contentType === undefined ? info : { ...info, contentType };
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** A failing file system (full, read-only, permissions) makes the store unusable, not the request bad. */
function unavailable(error: unknown): UnavailableError {
  return new UnavailableError(`blob store file system: ${(error as Error).message}`, { cause: error });
}

function fsCall<T>(operation: Promise<T>): Promise<T> {
  return operation.catch((error: unknown) => {
    throw unavailable(error);
  });
}
