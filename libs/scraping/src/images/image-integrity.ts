import sharp from 'sharp';
import { endMarkerVerdict } from './end-marker';
import type { ImageProbe } from './probe-image';

/** Whether a stored image is whole: `truncated` (its end is missing), `corrupt` (it does not decode). */
export type ImageIntegrity = 'complete' | 'truncated' | 'corrupt';

/** Formats libvips decodes; BMP and ICO are judged by their declared sizes alone. */
const DECODABLE = new Set(['jpeg', 'png', 'gif', 'webp', 'tiff', 'avif', 'heif', 'svg']);

/**
 * The decode check's budget. sharp buffers its whole input, and some decoders (WebP) allocate the
 * full frame, so only files and frames this small are decoded; larger ones are judged by their end
 * marker alone.
 */
export const DECODE_CHECK_MAX_BYTES = 8 * 1024 * 1024;
export const DECODE_CHECK_MAX_PIXELS = 25_000_000;

export interface IntegrityInput {
  probe: ImageProbe;
  /** The first bytes of the file (at least the format's header). */
  head: Buffer;
  /** The last bytes of the file (END_MARKER_TAIL_BYTES suffice). */
  tail: Buffer;
  /** Size of the whole file. */
  bytes: number;
  /** The whole file, read back only when a decode is needed (and within the budget). */
  readAll: () => Promise<Buffer>;
}

/**
 * Decides whether an image arrived whole, within bounded memory and CPU. A truncated image still
 * probes fine (its header is intact), so the probe alone cannot tell.
 *
 * Why not decode every image with sharp's `failOn: 'truncated'`: that costs CPU in proportion to
 * the pixels of every image a crawler stores, and sharp holds the whole input in memory. Instead,
 * the format's end marker decides in constant time (see endMarkerVerdict). A full decode runs only
 * to settle doubt, on small files: when the marker is missing (trailing bytes after a JPEG's EOI
 * are legal and common, a cut file is not) or when the format has none (TIFF, HEIF, SVG). The
 * decode shrinks on load to a thumbnail with sequential reads, so it never holds the full frame
 * of JPEG or PNG, and it refuses inputs above `maxPixels`.
 */
export async function checkImageIntegrity(input: IntegrityInput, maxPixels: number): Promise<ImageIntegrity> {
  const { probe } = input;
  const marker = endMarkerVerdict(probe.format, input.head, input.tail, input.bytes);
  if (marker === 'complete') return 'complete';
  const withinBudget = input.bytes <= DECODE_CHECK_MAX_BYTES && probe.width * probe.height <= Math.min(maxPixels, DECODE_CHECK_MAX_PIXELS);
  if (!DECODABLE.has(probe.format) || !withinBudget) return marker === 'incomplete' ? 'truncated' : 'complete';
  if (await decodesWhole(await input.readAll(), maxPixels)) return 'complete';
  return marker === 'incomplete' ? 'truncated' : 'corrupt';
}

async function decodesWhole(bytes: Buffer, maxPixels: number): Promise<boolean> {
  try {
    await sharp(bytes, { failOn: 'truncated', limitInputPixels: maxPixels, sequentialRead: true })
      .resize(16, 16, { fit: 'inside' })
      .raw()
      .toBuffer();
    return true;
  } catch {
    return false;
  }
}
