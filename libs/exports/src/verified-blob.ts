import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ExportIntegrityError } from './export-errors';
import type { BlobSource } from './sample';

/**
 * The blob's bytes, checked as they pass: the stream fails at its end if the SHA-256 (or, when given,
 * the size) differs from what the sample promised, so an export never ships bytes it cannot vouch for.
 */
export async function* verifiedBytes(key: string, blob: BlobSource & { bytes?: number }): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  let count = 0;
  const source: Readable = blob.open();
  try {
    for await (const chunk of source) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      count += bytes.byteLength;
      if (blob.bytes !== undefined && count > blob.bytes) {
        throw new ExportIntegrityError(key, `more than the ${blob.bytes} bytes announced`);
      }
      hash.update(bytes);
      yield bytes;
    }
  } finally {
    source.destroy();
  }
  if (blob.bytes !== undefined && count !== blob.bytes) {
    throw new ExportIntegrityError(key, `${count} bytes read, ${blob.bytes} announced`);
  }
  const sha256 = hash.digest('hex');
  if (sha256 !== blob.sha256) throw new ExportIntegrityError(key, `sha256 ${sha256} read, ${blob.sha256} announced`);
}

/** Reads a (small) blob whole, verified: page texts for Parquet, which holds a cell in memory anyway. */
export async function readVerified(key: string, blob: BlobSource & { bytes?: number }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of verifiedBytes(key, blob)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
