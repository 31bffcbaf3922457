import { open } from 'node:fs/promises';
import { imageSize } from 'image-size';
import sharp from 'sharp';

/** What an image's own bytes say it is. */
export interface ImageProbe {
  /** `jpeg`, `png`, `gif`, `webp`, `avif`, `heif`, `tiff`, `svg`, `bmp`, `ico` or `cur`. */
  format: string;
  /** The media type matching `format` (not the one a server claimed). */
  contentType: string;
  width: number;
  height: number;
}

const SHARP_FORMATS: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  tiff: 'image/tiff',
  svg: 'image/svg+xml',
};

/**
 * Formats recognised by their headers when libvips does not read them: BMP and ICO, which it cannot
 * read at all, and GIF and WebP, which it reads only whole (their head alone, or a truncated file,
 * fails). Only formats with a real signature: image-size also guesses at TGA and finds SVG inside
 * any HTML page, so those stay out. Whether the whole file arrived is checkImageIntegrity's job.
 */
const HEADER_FORMATS: Record<string, string> = {
  bmp: 'image/bmp',
  ico: 'image/x-icon',
  cur: 'image/x-icon',
  gif: 'image/gif',
  webp: 'image/webp',
};

/** Enough of a file for the BMP header and an ICO directory of 4 000 entries. */
const HEAD_BYTES = 64 * 1024;

/**
 * Identifies an image by its bytes (magic numbers and headers, never a Content-Type) and reads its
 * dimensions without decoding the pixels. Give it the whole file, or at least its head: for most
 * formats the first few kilobytes suffice; SVG needs the document. Declared dimensions are
 * returned however large (a decompression bomb is the caller's verdict). Returns null for anything
 * that is not an image: HTML served as image/png, text, empty or truncated-beyond-header bytes.
 * Rejects only when a file path cannot be read.
 */
export async function probeImage(input: Buffer | string): Promise<ImageProbe | null> {
  try {
    // The pixel limit is the caller's to enforce on the dimensions read here: with sharp's own limit,
    // a decompression bomb would look like "not an image" instead of "too many pixels".
    const metadata = await sharp(input, { limitInputPixels: false }).metadata();
    const known = sharpProbe(metadata.format, metadata.compression, metadata.width, metadata.height);
    if (known !== null) return known;
  } catch {
    // Not something libvips reads: maybe one of the header-only formats.
  }
  return headerProbe(typeof input === 'string' ? await readHead(input) : input);
}

function sharpProbe(format: string | undefined, compression: string | undefined, width?: number, height?: number): ImageProbe | null {
  if (format === undefined || !width || !height) return null;
  if (format === 'heif') {
    // libvips reads AVIF and HEIC through libheif and calls both heif; the codec tells them apart.
    return compression === 'av1'
      ? { format: 'avif', contentType: 'image/avif', width, height }
      : { format: 'heif', contentType: 'image/heif', width, height };
  }
  const contentType = SHARP_FORMATS[format];
  return contentType === undefined ? null : { format, contentType, width, height };
}

function headerProbe(head: Uint8Array): ImageProbe | null {
  try {
    const { type, width, height } = imageSize(head);
    const contentType = type === undefined ? undefined : HEADER_FORMATS[type];
    if (contentType === undefined || !width || !height) return null;
    return { format: type!, contentType, width, height };
  } catch {
    return null;
  }
}

async function readHead(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } catch {
    return new Uint8Array(0);
  } finally {
    await file.close();
  }
}
