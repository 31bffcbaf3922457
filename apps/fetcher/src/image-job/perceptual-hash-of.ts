import type { BlobStore } from '@trawl/blob-store';
import { perceptualHash } from '@trawl/imaging';
import { readBody } from '../read-body';

/**
 * The pHash of stored image bytes, or undefined when they cannot be decoded for it (an SVG sharp
 * cannot rasterise, say): near-duplicate flags are a help, never a reason to fail an image. Bounded
 * by the pixel limit; the decoding runs on libuv's pool, off the event loop.
 */
export async function perceptualHashOf(bytes: Buffer, maxPixels: number): Promise<string | undefined> {
  try {
    return await perceptualHash(bytes, { maxInputPixels: maxPixels });
  } catch {
    return undefined;
  }
}

/**
 * Images larger than this get no pHash: hashing decodes from bytes held in memory, and the fetcher
 * otherwise never holds an image whole (a 1 GB image stays a stream). Photos of a dataset are far smaller.
 */
export const PERCEPTUAL_HASH_MAX_BYTES = 16 * 1024 * 1024;

/** The pHash of an image already in the blob store (read back: the download streamed it there). */
export async function perceptualHashOfBlob(blobs: BlobStore, sha256: string, maxPixels: number, bytes: number): Promise<string | undefined> {
  if (bytes > PERCEPTUAL_HASH_MAX_BYTES) return undefined;
  const stream = await blobs.read(sha256);
  return perceptualHashOf(await readBody(stream), maxPixels);
}
