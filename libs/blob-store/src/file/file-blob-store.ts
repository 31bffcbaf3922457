import { close, constants, readFileSync, renameSync, rmSync, statSync, write, writeFileSync } from 'node:fs';
import { access, mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Readable } from 'node:stream';
import { NotFoundError, UnavailableError } from '@trawl/errors';
import { BlobMeter, assertReference, isReferenceName, isSha256Address, resolveRange } from '../blob-address';
import type { BlobInfo, BlobStore, ByteRange, WriteBlobOptions } from '../blob-store.port';
import { readBlobHead, writeBlobFile } from './blob-file-writer';
import { FileBlobLayout, type FileBlobMetadata } from './file-blob-layout';
import { FolderMaker } from './folder-maker';
import { RecentBlobs } from '../recent-blobs';
import { TempFileReserve } from './temp-file-reserve';

/** Chunks of a blob gathered into one write; a blob up to this size is written in one. */
const GATHER_BYTES = 512 * 1024;
/** Recently written blobs kept for a read-back: enough for the image jobs of a busy fetcher, little beside its heap. */
const RECENT_BYTES = 8 * 1024 * 1024;

const writeAsync = promisify(write);
const closeAsync = promisify(close);

/**
 * Blob store on the local file system (the embedded mode). A write streams into a temp file while
 * hashing, then renames it to its address: readers never see a partial blob, and the same bytes end
 * up in one file however many writers race (a rename onto identical bytes changes nothing).
 */
export class FileBlobStore implements BlobStore {
  private readonly layout: FileBlobLayout;
  private readonly recent = new RecentBlobs(GATHER_BYTES, RECENT_BYTES);
  /** Fan-out folders, made on the pool once per folder. */
  private readonly folders = new FolderMaker();
  /** Temp files opened ahead on libuv's pool: a create waits on the file system's journal (see there). */
  private readonly temps: TempFileReserve;

  private constructor(dir: string) {
    this.layout = new FileBlobLayout(dir);
    this.temps = new TempFileReserve(this.layout);
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

  /**
   * A blob of up to GATHER_BYTES is hashed before any file is made: bytes already stored are not
   * written again (see readBlobHead); new ones cost two calls on libuv's pool (the gathered write and
   * its fsync, see writeBlobFile) into a temp file opened ahead there (TempFileReserve), and beside them
   * the folder and the sidecar (preparePlace). The short calls around them (close, stat, the renames)
   * are made on this thread, where each would otherwise cost a round trip to the pool.
   */
  async write(source: AsyncIterable<Uint8Array> | Readable, options: WriteBlobOptions = {}): Promise<BlobInfo> {
    const meter = new BlobMeter(options.maxBytes);
    const chunks = (source as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
    let tempPath: string | null = null;
    let finished = false;
    // The blob's folder and its sidecar's temp file, made on the pool beside the blob's write and fsync.
    let placing: Promise<string | null> | null = null;
    let sidecarPath: string | null = null;
    try {
      const read = await readBlobHead(chunks, meter, GATHER_BYTES);
      if (read.whole) {
        finished = true;
        const stored = this.knownAlready(meter.sha256(), read.whole);
        if (stored) return stored;
        const temp = await fsCall(this.temps.take());
        tempPath = temp.path;
        placing = this.preparePlace(meter.sha256(), options.contentType);
        placing.catch(() => undefined); // met below, once the blob is written
        await writeBlobFile(temp.fd, read.whole.length > 0 ? [read.whole] : [], null, meter, unavailable);
      } else {
        // A big blob is looked up once written, before its fsync: a copy of stored bytes is dropped unsynced.
        const temp = await fsCall(this.temps.take());
        tempPath = temp.path;
        let stored: BlobInfo | null = null;
        await writeBlobFile(temp.fd, read.head, read.rest, meter, unavailable, () => !(stored = this.knownAlready(meter.sha256(), null)));
        finished = true;
        if (stored) return stored;
        placing = this.preparePlace(meter.sha256(), options.contentType);
      }
      finished = true;
      // A rename onto the same bytes, written meanwhile by another writer, changes nothing.
      const sha256 = meter.sha256();
      sidecarPath = await placing;
      placing = null;
      // Metadata first: once the blob is visible under its address, its sidecar is already there.
      if (sidecarPath !== null) await this.renameInto(sidecarPath, this.layout.metadataPath(sha256));
      sidecarPath = null;
      await this.renameInto(tempPath, this.layout.blobPath(sha256));
      tempPath = null;
      if (read.whole) this.recent.remember(sha256, read.whole);
      return withContentType({ sha256, bytes: meter.bytes }, options.contentType);
    } finally {
      // A source left half read (a failure) is closed, which destroys a stream.
      if (!finished) await chunks.return?.().catch(() => undefined);
      if (tempPath !== null) await rm(tempPath, { force: true }).catch(() => undefined);
      // A sidecar not renamed into place: still being written, or written and left by a failed rename.
      const leftover = sidecarPath ?? (await placing?.catch(() => null));
      if (leftover) await rm(leftover, { force: true }).catch(() => undefined);
    }
  }

  /**
   * The blob's folder, and its sidecar written into a temp file of the reserve (null without a content
   * type): the calls that create a directory entry wait on the file system's journal, so they go to the
   * pool, started before the blob's own write. Only the renames are left for this thread.
   */
  private async preparePlace(sha256: string, contentType: string | undefined): Promise<string | null> {
    const folder = this.folders.ensure(dirname(this.layout.blobPath(sha256)));
    folder.catch(() => undefined); // awaited below, after the sidecar
    if (contentType === undefined) {
      await fsCall(folder);
      return null;
    }
    const sidecar = await fsCall(this.temps.take());
    try {
      try {
        await fsCall(writeAsync(sidecar.fd, JSON.stringify({ contentType } satisfies FileBlobMetadata)));
      } finally {
        await closeAsync(sidecar.fd).catch(() => undefined);
      }
      await fsCall(folder);
      return sidecar.path;
    } catch (error) {
      await rm(sidecar.path, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  /** The stored blob with these bytes, if any (its small bytes then kept for a read-back). */
  private knownAlready(sha256: string, whole: Buffer | null): BlobInfo | null {
    const existing = this.statNow(sha256);
    if (existing && whole) this.recent.remember(sha256, whole);
    return existing;
  }

  /** stat(), on this thread: what write() checks before it renames. */
  private statNow(sha256: string): BlobInfo | null {
    const found = syncCall(() => statSync(this.layout.blobPath(sha256), { throwIfNoEntry: false }));
    if (!found) return null;
    return withContentType({ sha256, bytes: found.size }, syncCall(() => this.readMetadataNow(sha256)).contentType);
  }

  private readMetadataNow(sha256: string): FileBlobMetadata {
    try {
      return parseMetadata(readFileSync(this.layout.metadataPath(sha256), 'utf8'));
    } catch (error) {
      if (isMissing(error)) return {};
      throw error;
    }
  }

  /** A folder removed behind this process's back (by hand) is made again, not reported. */
  private async renameInto(tempPath: string, path: string): Promise<void> {
    try {
      renameSync(tempPath, path);
    } catch (error) {
      if (!isMissing(error) || !this.folders.forget(dirname(path))) throw unavailable(error);
      await fsCall(this.folders.ensure(dirname(path)));
      syncCall(() => renameSync(tempPath, path));
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
    const recent = this.recent.get(sha256);
    if (recent) {
      const resolved = resolveRange(range, recent.length);
      return Readable.from([resolved ? recent.subarray(resolved.start, resolved.end + 1) : recent], { objectMode: false });
    }
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
    this.recent.forget(sha256);
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
    await fsCall(this.folders.ensure(dirname(path)));
    this.writeJsonAtomically(path, { sha256 });
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

  async close(): Promise<void> {
    this.temps.close();
  }

  /** Through a temp file and a rename: a reader sees the old content or the new, never half of it. A few bytes: on this thread. */
  private writeJsonAtomically(path: string, value: unknown): void {
    const tempPath = this.layout.newTempPath('.json');
    try {
      syncCall(() => writeFileSync(tempPath, JSON.stringify(value), { flag: 'wx' }));
      syncCall(() => renameSync(tempPath, path));
    } catch (error) {
      rmSync(tempPath, { force: true });
      throw error;
    }
  }

  private async readMetadata(sha256: string): Promise<FileBlobMetadata> {
    try {
      return parseMetadata(await readFile(this.layout.metadataPath(sha256), 'utf8'));
    } catch (error) {
      if (isMissing(error)) return {};
      throw error;
    }
  }
}

/**
 * A sidecar is renamed into place unsynced (its blob is synced): after a crash it may be empty or cut
 * short. Its blob then has no content type, rather than failing every stat and every write of its bytes.
 */
function parseMetadata(text: string): FileBlobMetadata {
  try {
    const parsed = JSON.parse(text) as unknown;
    const contentType = (parsed as FileBlobMetadata | null)?.contentType;
    return typeof contentType === 'string' ? { contentType } : {};
  } catch {
    return {};
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

function syncCall<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw unavailable(error);
  }
}

function fsCall<T>(operation: Promise<T>): Promise<T> {
  return operation.catch((error: unknown) => {
    throw unavailable(error);
  });
}
