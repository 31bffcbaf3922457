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

/** The pHash of an image already in the blob store (read back: the download streamed it there). */
export async function perceptualHashOfBlob(blobs: BlobStore, sha256: string, maxPixels: number): Promise<string | undefined> {
  const stream = await blobs.read(sha256);
  return perceptualHashOf(await readBody(stream), maxPixels);
}
