import sharp from 'sharp';
import { lowFrequencyDct } from './dct';
import { greyThumbnail, type RawPixels } from './grey-thumbnail';

/** Bits two hashes may differ in and still count as the same picture (re-encoded, resized). */
export const DEFAULT_NEAR_DUPLICATE_DISTANCE = 10;

const SIDE = 32;
const KEPT = 8;

/**
 * A 64-bit perceptual hash (pHash) of an image, as 16 lower-case hex digits. The image is turned
 * upright (EXIF orientation), flattened onto white, made grey and shrunk to 32 × 32; of its 2-D DCT,
 * the 8 × 8 lowest frequencies are kept, and each bit says whether a coefficient is above their
 * median. Re-encoding or resizing moves a few bits at most; a different picture about half of them.
 *
 * Why pHash, not the cheaper dHash (9 × 8 neighbours compared): on flat or horizontally smooth areas
 * (sky, a plain wall) dHash compares nearly equal pixels, and a resize's rounding flips those bits;
 * measured on the test scenes, a resized copy moved 13–15 of 64 bits with dHash, at most 6 with this.
 * (pHash has a weak spot of its own: perfectly symmetric patterns such as a checkerboard, whose
 * low-frequency coefficients are all near zero, so the median splits noise. Photos are not like that.)
 *
 * A small image (up to SMALL_IMAGE_PIXELS, RGB or grey) is decoded (and turned upright) by sharp and made grey and
 * shrunk here (greyThumbnail): a libvips pipeline of rotate, flatten, greyscale and resize cost ~4 ms
 * of CPU for a 128 × 128 PNG, nearly all of it set-up, against ~0.7 ms for the decode alone. A larger
 * one keeps that pipeline, where libvips shrinks while decoding (a JPEG at 1/8 scale) instead of
 * holding every pixel. Both shrink by averaging, so the same picture hashes alike either way. The
 * decoding runs on libuv's thread pool; the rest is microseconds.
 */
export async function perceptualHash(image: Buffer, limits: { maxInputPixels: number }): Promise<string> {
  const input = sharp(image, { limitInputPixels: limits.maxInputPixels });
  const metadata = await input.metadata();
  if (isSmallPlainImage(metadata)) {
    const { data, info } = await input.rotate().raw().toBuffer({ resolveWithObject: true });
    // One byte per channel, 1 to 4 channels: anything else takes the pipeline below.
    if (info.channels >= 1 && info.channels <= 4 && data.length === info.width * info.height * info.channels) {
      const channels = info.channels as RawPixels['channels'];
      return perceptualHashOfGreyPixels(greyThumbnail({ data, width: info.width, height: info.height, channels }, SIDE));
    }
  }
  const pixels = await sharp(image, { limitInputPixels: limits.maxInputPixels })
    .rotate()
    .flatten({ background: '#ffffff' })
    .greyscale()
    .resize(SIDE, SIDE, { fit: 'fill' })
    .raw()
    .toBuffer();
  return perceptualHashOfGreyPixels(pixels);
}

/** Pixels of a small image: held whole for the shrink, as little as the bytes of a few PNGs. */
const SMALL_IMAGE_PIXELS = 512 * 512;

function isSmallPlainImage(metadata: sharp.Metadata): boolean {
  const { width, height, space } = metadata;
  if (width === undefined || height === undefined || width * height > SMALL_IMAGE_PIXELS) return false;
  return space === 'srgb' || space === 'b-w';
}

/** The hash of 32 × 32 grey pixels (one byte each, row by row). Pure: the unit tests check its bits. */
export function perceptualHashOfGreyPixels(pixels: Uint8Array): string {
  if (pixels.length !== SIDE * SIDE) throw new RangeError(`pHash needs ${SIDE} x ${SIDE} grey pixels, got ${pixels.length} bytes`);
  const coefficients = lowFrequencyDct(pixels, SIDE, KEPT);
  // The DC term (overall brightness) says nothing about structure: it is left out of the median.
  const median = medianOf(coefficients.slice(1));
  let hash = 0n;
  for (const coefficient of coefficients) hash = (hash << 1n) | (coefficient > median ? 1n : 0n);
  return hash.toString(16).padStart(16, '0');
}

/** How many of the 64 bits two hashes (16 hex digits each) differ in. */
export function hammingDistance(a: string, b: string): number {
  if (!/^[0-9a-f]{16}$/.test(a) || !/^[0-9a-f]{16}$/.test(b)) throw new RangeError('hashes must be 16 lower-case hex digits');
  let diff = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (diff !== 0n) {
    count += Number(diff & 1n);
    diff >>= 1n;
  }
  return count;
}

/** True when two hashes are within `threshold` bits: the same picture, re-encoded or resized. */
export function isNearDuplicate(a: string, b: string, threshold = DEFAULT_NEAR_DUPLICATE_DISTANCE): boolean {
  return hammingDistance(a, b) <= threshold;
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 0 ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle];
}
