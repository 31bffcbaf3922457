import { Readable } from 'node:stream';
import type mongoose from 'mongoose';
import type { ByteRange } from '../blob-store.port';
import { translateMongoError } from '@trawl/mongo';

type Db = InstanceType<typeof mongoose.mongo.Db>;
type ObjectId = InstanceType<typeof mongoose.mongo.ObjectId>;
type Binary = InstanceType<typeof mongoose.mongo.Binary>;

interface ChunkDoc {
  files_id: ObjectId;
  n: number;
  data: Binary | Uint8Array;
}

export interface GridFsFileRef {
  fileId: ObjectId;
  bytes: number;
  chunkSize: number;
}

/**
 * Streams a GridFS file, or an inclusive range of it, reading only the chunks the range covers.
 * Why not the driver's openDownloadStream: its cursor takes default batches (up to 16 MiB per
 * round trip), which measured ~40 MiB of live memory per 64 MiB read; small batches keep a read at
 * a few chunks however large the blob.
 */
export function readGridFsFile(db: Db, bucketName: string, file: GridFsFileRef, range?: ByteRange): Readable {
  return Readable.from(chunksOf(db, bucketName, file, range ?? { start: 0, end: file.bytes - 1 }), { objectMode: false });
}

const CHUNKS_PER_BATCH = 4;

async function* chunksOf(db: Db, bucketName: string, file: GridFsFileRef, range: ByteRange): AsyncGenerator<Buffer> {
  if (file.bytes === 0) return;
  const { chunkSize } = file;
  const first = Math.floor(range.start / chunkSize);
  const last = Math.floor(range.end / chunkSize);
  const cursor = db
    .collection<ChunkDoc>(`${bucketName}.chunks`)
    .find({ files_id: file.fileId, n: { $gte: first, $lte: last } })
    .sort({ n: 1 })
    .batchSize(CHUNKS_PER_BATCH);
  let expected = first;
  try {
    for await (const chunk of cursor) {
      const data = chunk.data instanceof Uint8Array ? chunk.data : chunk.data.buffer;
      const wanted = Math.min(chunkSize, file.bytes - expected * chunkSize);
      if (chunk.n !== expected || data.byteLength !== wanted) {
        throw new Error(`GridFS file ${String(file.fileId)} is damaged at chunk ${expected}`);
      }
      const from = expected === first ? range.start - first * chunkSize : 0;
      const to = expected === last ? range.end - last * chunkSize + 1 : data.byteLength;
      yield Buffer.from(data.buffer, data.byteOffset + from, to - from);
      expected += 1;
    }
  } catch (error) {
    throw translateMongoError(error);
  } finally {
    await cursor.close().catch(() => undefined);
  }
  if (expected !== last + 1) throw new Error(`GridFS file ${String(file.fileId)} is missing chunk ${expected}`);
}
