import type { Readable } from 'node:stream';
import type mongoose from 'mongoose';
import type { BlobMeter } from '../blob-address';

type Bucket = InstanceType<typeof mongoose.mongo.GridFSBucket>;
type ObjectId = InstanceType<typeof mongoose.mongo.ObjectId>;
type Db = InstanceType<typeof mongoose.mongo.Db>;

export interface UploadedFile {
  id: ObjectId;
  chunkSize: number;
}

/**
 * Streams a source into a new GridFS file under `filename`, feeding every chunk through the meter.
 * Each write is awaited (the driver calls back once a full chunk is persisted), so memory stays at
 * about one chunk and no insert is still in flight when a failure cleans up. On any failure
 * (limit, source, server) the partial file is deleted and the error rethrown.
 */
export async function uploadToGridFs(
  bucket: Bucket,
  filename: string,
  source: AsyncIterable<Uint8Array | string> | Readable,
  meter: BlobMeter,
  chunkSizeBytes: number | undefined,
): Promise<UploadedFile> {
  const upload = bucket.openUploadStream(filename, chunkSizeBytes ? { chunkSizeBytes } : {});
  // Failures reach us through the write and end callbacks; this keeps them from being "unhandled".
  upload.on('error', () => undefined);
  try {
    for await (const chunk of source) {
      const bytes = meter.add(chunk);
      if (bytes.byteLength > 0) {
        await new Promise<void>((resolve, reject) => upload.write(bytes, (error) => (error ? reject(error) : resolve())));
      }
    }
    await new Promise<void>((resolve, reject) => upload.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return { id: upload.id, chunkSize: upload.chunkSizeBytes };
  } catch (error) {
    upload.destroy();
    // The original error matters more than a failed clean-up (which leaves an orphan to sweep).
    // bucket.delete also removes the chunks of a file whose files document was never written.
    await bucket.delete(upload.id).catch(() => undefined);
    throw error;
  }
}

/**
 * Removes a GridFS file's chunks, then its files document (whichever exist: no error for a missing
 * or partial file). Files document last, so a half-done removal still shows up as a file.
 */
export async function deleteGridFsFile(db: Db, bucketName: string, id: ObjectId): Promise<void> {
  await db.collection(`${bucketName}.chunks`).deleteMany({ files_id: id });
  await db.collection(`${bucketName}.files`).deleteOne({ _id: id });
}
