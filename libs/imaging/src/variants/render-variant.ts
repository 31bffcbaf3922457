import sharp from 'sharp';
import { TrawlError } from '@trawl/errors';
import type { VariantSpec } from './variant-spec';

/** The source declares more pixels than the configured limit: it is never decoded. */
export class TooManyPixelsError extends TrawlError {
  readonly code = 'image-too-many-pixels';
}

/** libvips could not decode the source (corrupt, truncated, or a format it cannot read: BMP, ICO). */
export class UndecodableImageError extends TrawlError {
  readonly code = 'image-undecodable';
}

export interface RenderedVariant {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Renders one variant with sharp. The work runs on libuv's thread pool (sharp is asynchronous), so
 * the event loop keeps serving while it decodes and encodes. EXIF orientation is applied first
 * (`rotate()`), so a phone photo's variant stands upright even with its metadata stripped; metadata
 * is dropped unless the spec keeps it. The output is never larger than the source
 * (`withoutEnlargement`), and a source past `maxInputPixels` is refused before its pixels are decoded.
 */
export async function renderVariant(source: Buffer, spec: VariantSpec, limits: { maxInputPixels: number }): Promise<RenderedVariant> {
  let pipeline = sharp(source, { limitInputPixels: limits.maxInputPixels, failOn: 'error' }).rotate();
  if (spec.width !== null || spec.height !== null) {
    pipeline = pipeline.resize({ width: spec.width ?? undefined, height: spec.height ?? undefined, fit: spec.fit, withoutEnlargement: true });
  }
  if (spec.keepMetadata) pipeline = pipeline.keepMetadata();
  pipeline = spec.quality === null ? pipeline.toFormat(spec.format) : pipeline.toFormat(spec.format, { quality: spec.quality });
  try {
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (/pixel limit/i.test(message)) {
      throw new TooManyPixelsError(`the image has more pixels than the limit of ${limits.maxInputPixels}`, { cause: error });
    }
    throw new UndecodableImageError(`the image could not be decoded: ${message}`, { cause: error });
  }
}
