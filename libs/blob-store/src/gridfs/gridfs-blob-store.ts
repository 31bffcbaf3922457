import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import mongoose, { type Connection } from 'mongoose';
import { NotFoundError, UnavailableError } from '@trawl/errors';
import { BlobMeter, assertReference, isReferenceName, isSha256Address, resolveRange } from '../blob-address';
import type { BlobInfo, BlobStore, ByteRange, WriteBlobOptions } from '../blob-store.port';
import { readGridFsFile } from './gridfs-download';
import { GridFsReferences } from './gridfs-references';
import { deleteGridFsFile, uploadToGridFs, type UploadedFile } from './gridfs-upload';
import { RecentBlobs } from '../recent-blobs';
import { readSourceHead } from './source-head';
import { isDuplicateKey, openMongoConnection, translateMongoError, type MongoConnectOptions } from '@trawl/mongo';

type ObjectId = InstanceType<typeof mongoose.mongo.ObjectId>;

/** One per stored blob, `_id` = its sha256: the unique key that makes same bytes one copy. */
interface BlobAddressDoc {
  _id: string;
  fileId: ObjectId;
  bytes: number;
  /** The GridFS chunk size of the file, so a range read can go straight to its chunks. */
  chunkSize: number;
  contentType?: string;
  storedAt: Date;
}

export interface GridFsBlobStoreOptions extends MongoConnectOptions {
  /** GridFS bucket name (default `blobs`): collections `<bucket>.files`, `.chunks`, `.addresses`, `.refs`. */
  bucket?: string;
  /** GridFS chunk size for new blobs (default: the driver's 255 KiB). */
  chunkSizeBytes?: number;
}

/**
 * Uploads start under this name and are renamed to their sha256 once addressable, so a file still
 * named `pending-…` hints at a crash mid-write. (A sweeper must still check the addresses collection.)
 */
const PENDING_PREFIX = 'pending-';
/** Budget of RecentBlobs: the image jobs of a busy fetcher (20 at once, ~50 KB each) many times over. */
const RECENT_BYTES = 8 * 1024 * 1024;
/** The MongoDB driver's GridFS chunk size, used when no chunkSizeBytes is given. */
const DRIVER_CHUNK_BYTES = 255 * 1024;

/**
 * Blob store on MongoDB GridFS (FerretDB-compatible: no transactions needed). A write uploads under
 * a temporary name while hashing, then claims the address by inserting `{ _id: sha256 }` into the
 * addresses collection; of concurrent writers of the same bytes, the duplicate-key losers delete
 * their upload, so one copy stays. (As with any content-addressed store, a delete() racing a write
 * of the same bytes may remove the copy that write reports: delete only what nothing refers to.)
 */
export class GridFsBlobStore implements BlobStore {
  private readonly bucketName: string;
  private cachedBucket?: InstanceType<typeof mongoose.mongo.GridFSBucket>;
  private readonly references: GridFsReferences;
  /** Small blobs written lately, for their read-back (see RecentBlobs). */
  private readonly recent = new RecentBlobs(RECENT_BYTES, RECENT_BYTES);

  constructor(
    private readonly connection: Connection,
    private readonly options: GridFsBlobStoreOptions = {},
    private readonly ownsConnection = false,
  ) {
    this.bucketName = options.bucket ?? 'blobs';
    this.references = new GridFsReferences(() => this.db(), this.bucketName);
  }

  /** Connects with a connection of its own, which close() closes. */
  static async connect(url: string, options: GridFsBlobStoreOptions = {}): Promise<GridFsBlobStore> {
    return new GridFsBlobStore(await openMongoConnection(url, options), options, true);
  }

  async write(source: AsyncIterable<Uint8Array> | Readable, options: WriteBlobOptions = {}): Promise<BlobInfo> {
    // A blob of one chunk or less is hashed before the upload: bytes already stored cost one look-up by
    // `_id` instead of an upload and the removal of the copy. That removal finds chunks by `files_id`,
    // which FerretDB on SQLite answers by scanning every chunk (no filter pushdown): with repeated pages
    // (same text, same HTML) each duplicate write took seconds and grew with the store.
    const head = await readSourceHead(source, this.options.chunkSizeBytes ?? DRIVER_CHUNK_BYTES);
    const whole = head.complete ? Buffer.concat(head.chunks) : null;
    if (head.complete && whole) {
      const known = await this.storedCopy(head.chunks, options.maxBytes);
      if (known) {
        this.recent.remember(known.sha256, whole);
        return known;
      }
    }
    const meter = new BlobMeter(options.maxBytes);
    const filename = `${PENDING_PREFIX}${randomUUID()}`;
    const body = head.complete ? Readable.from(head.chunks) : head.rest;
    const file = await guard(uploadToGridFs(this.bucket(), filename, body, meter, this.options.chunkSizeBytes));
    const info = withContentType({ sha256: meter.sha256(), bytes: meter.bytes }, options.contentType);
    try {
      const stored = await this.claimAddress(info, file);
      if (whole) this.recent.remember(stored.sha256, whole);
      return stored;
    } catch (error) {
      // The insert may have landed before the connection broke: never leave an address to a deleted file.
      await this.addresses().deleteOne({ _id: info.sha256, fileId: file.id }).catch(() => undefined);
      await deleteGridFsFile(this.db(), this.bucketName, file.id).catch(() => undefined);
      throw translateMongoError(error);
    }
  }

  async stat(sha256: string): Promise<BlobInfo | null> {
    if (!isSha256Address(sha256)) return null;
    const doc = await guard(this.addresses().findOne({ _id: sha256 }));
    return doc ? toInfo(doc) : null;
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable> {
    const doc = isSha256Address(sha256) ? await guard(this.addresses().findOne({ _id: sha256 })) : null;
    if (!doc) throw new NotFoundError(`blob ${String(sha256)} is not stored`);
    const recent = this.recent.get(sha256);
    if (recent) {
      const bounds = resolveRange(range, doc.bytes);
      return Readable.from([bounds ? recent.subarray(bounds.start, bounds.end + 1) : recent]);
    }
    return readGridFsFile(this.db(), this.bucketName, doc, resolveRange(range, doc.bytes));
  }

  async delete(sha256: string): Promise<void> {
    if (!isSha256Address(sha256)) return;
    this.recent.forget(sha256);
    const doc = await guard(this.addresses().findOne({ _id: sha256 }));
    if (!doc) return;
    // Unaddressable first, so no reader finds an address whose chunks are half gone.
    await guard(this.addresses().deleteOne({ _id: sha256, fileId: doc.fileId }));
    await guard(deleteGridFsFile(this.db(), this.bucketName, doc.fileId));
  }

  async setReference(name: string, sha256: string): Promise<void> {
    assertReference(name, sha256);
    if (!(await this.stat(sha256))) throw new NotFoundError(`blob ${sha256} is not stored`);
    await guard(this.references.set(name, sha256));
  }

  async getReference(name: string): Promise<string | null> {
    return isReferenceName(name) ? guard(this.references.get(name)) : null;
  }

  async ping(): Promise<void> {
    await guard(this.db().command({ ping: 1 }));
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await this.connection.close();
  }

  /** The stored blob with these bytes, if any (their size checked against `maxBytes` as an upload would). */
  private async storedCopy(chunks: Uint8Array[], maxBytes: number | undefined): Promise<BlobInfo | null> {
    const meter = new BlobMeter(maxBytes);
    for (const chunk of chunks) meter.add(chunk);
    const doc = await guard(this.addresses().findOne({ _id: meter.sha256() }));
    return doc ? toInfo(doc) : null;
  }

  /**
   * Inserts the address; on a duplicate key the bytes are already stored: keep that copy, drop ours.
   * If that copy was deleted between the insert and the look-up, try to claim the address again.
   */
  private async claimAddress(info: BlobInfo, file: UploadedFile): Promise<BlobInfo> {
    const { contentType } = info;
    const doc: BlobAddressDoc = { _id: info.sha256, fileId: file.id, bytes: info.bytes, chunkSize: file.chunkSize, storedAt: new Date(), ...(contentType === undefined ? {} : { contentType }) };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        await this.addresses().insertOne(doc);
        // Cosmetic (GridFS tools list it by its address); the blob is stored whether or not this lands.
        await this.files().updateOne({ _id: file.id }, { $set: { filename: info.sha256 } }).catch(() => undefined);
        return info;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const existing = await this.addresses().findOne({ _id: info.sha256 });
      if (existing) {
        await deleteGridFsFile(this.db(), this.bucketName, file.id);
        return toInfo(existing);
      }
    }
    throw new UnavailableError(`could not claim blob address ${info.sha256}: it keeps changing`);
  }

  private db(): NonNullable<Connection['db']> {
    const db = this.connection.db;
    if (!db) throw new UnavailableError('MongoDB connection is not open');
    return db;
  }

  /** One bucket for the store's life: the driver checks its indexes on the first upload only. */
  private bucket(): InstanceType<typeof mongoose.mongo.GridFSBucket> {
    this.cachedBucket ??= new mongoose.mongo.GridFSBucket(this.db(), { bucketName: this.bucketName });
    return this.cachedBucket;
  }

  private files() {
    return this.db().collection(`${this.bucketName}.files`);
  }

  private addresses() {
    return this.db().collection<BlobAddressDoc>(`${this.bucketName}.addresses`);
  }
}

function toInfo(doc: BlobAddressDoc): BlobInfo {
  return withContentType({ sha256: doc._id, bytes: doc.bytes }, doc.contentType);
}

function withContentType(info: BlobInfo, contentType: string | undefined): BlobInfo {
  return contentType === undefined ? info : { ...info, contentType };
}

async function guard<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    throw translateMongoError(error);
  }
}
