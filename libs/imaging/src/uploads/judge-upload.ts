import sharp from 'sharp';
import { DECODE_CHECK_MAX_BYTES, DECODE_CHECK_MAX_PIXELS, END_MARKER_TAIL_BYTES, checkImageIntegrity, probeImage, type ImageProbe } from '@trawl/scraping';

/** Why an uploaded file is refused; each a stable code of the API's 4xx problem. */
export type UploadRefusal = 'empty-image' | 'not-an-image' | 'image-too-many-pixels' | 'image-truncated' | 'image-corrupt';

export type UploadVerdict = { ok: true; probe: ImageProbe } | { ok: false; code: UploadRefusal; detail: string };

/**
 * Judges an uploaded file the way the fetcher judges a downloaded image: by its own bytes (never a
 * claimed Content-Type), its declared pixels against the limit before anything decodes it, then
 * whether it arrived whole (end marker; a bounded decode when in doubt). Unlike a crawl, an upload is
 * one file a client chose to send, so an intact end does not settle it: within the fetcher's decode
 * budget, the whole image is decoded (shrunk on load) and a file whose data is garbage is refused.
 * sharp does that work on libuv's thread pool.
 */
export async function judgeUpload(bytes: Buffer, limits: { maxPixels: number }): Promise<UploadVerdict> {
  if (bytes.byteLength === 0) return { ok: false, code: 'empty-image', detail: 'the upload has no bytes' };
  const probe = await probeImage(bytes);
  if (probe === null) {
    return { ok: false, code: 'not-an-image', detail: 'the bytes are not an image trawl reads (JPEG, PNG, GIF, WebP, AVIF, HEIF, TIFF, SVG, BMP, ICO)' };
  }
  const pixels = probe.width * probe.height;
  if (pixels > limits.maxPixels) {
    return { ok: false, code: 'image-too-many-pixels', detail: `the image declares ${probe.width} x ${probe.height} = ${pixels} pixels, more than the limit of ${limits.maxPixels}` };
  }
  const integrity = await checkImageIntegrity(
    { probe, head: bytes, tail: bytes.subarray(Math.max(0, bytes.byteLength - END_MARKER_TAIL_BYTES)), bytes: bytes.byteLength, readAll: async () => bytes },
    limits.maxPixels,
  );
  if (integrity === 'truncated') return { ok: false, code: 'image-truncated', detail: `the ${probe.format} image ends before its end marker: it was cut off` };
  if (integrity === 'corrupt' || !(await decodesCleanly(bytes, probe, limits.maxPixels))) {
    return { ok: false, code: 'image-corrupt', detail: `the ${probe.format} image does not decode` };
  }
  return { ok: true, probe };
}

/** Formats libvips decodes; BMP and ICO are judged by their declared sizes alone. */
const DECODABLE = new Set(['jpeg', 'png', 'gif', 'webp', 'tiff', 'avif', 'heif', 'svg']);

async function decodesCleanly(bytes: Buffer, probe: ImageProbe, maxPixels: number): Promise<boolean> {
  const withinBudget = bytes.byteLength <= DECODE_CHECK_MAX_BYTES && probe.width * probe.height <= DECODE_CHECK_MAX_PIXELS;
  if (!DECODABLE.has(probe.format) || !withinBudget) return true;
  try {
    await sharp(bytes, { failOn: 'error', limitInputPixels: maxPixels, sequentialRead: true }).resize(16, 16, { fit: 'inside' }).raw().toBuffer();
    return true;
  } catch {
    return false;
  }
}
