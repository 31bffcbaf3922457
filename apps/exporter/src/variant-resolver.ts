import { resolveVariant, type VariantStore } from '@trawl/imaging';
import type { ImageResolver } from './export-samples';

/** Variant formats as file extensions (the writers name JPEG `jpg` themselves). */
const EXT: Record<string, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', avif: 'avif' };

/**
 * The image as exported: the stored bytes, or (imageSize) a variant whose longest side is at most that
 * many pixels, made once by the variant store (the API's images share them). Its size in pixels is
 * the fitted size (fit inside, never enlarged past the source).
 */
export function imageResolver(variants: VariantStore | null, imageSize: number | undefined): ImageResolver {
  return async (image) => {
    if (!imageSize || !variants) return { sha256: image.sha256, bytes: image.bytes, ext: image.format, width: image.width, height: image.height };
    const spec = resolveVariant({ width: imageSize, height: imageSize, fit: 'inside' }, image.contentType);
    const variant = await variants.variantOf(image.sha256, spec);
    const scale = Math.min(1, imageSize / Math.max(image.width, image.height, 1));
    return {
      sha256: variant.sha256,
      bytes: variant.bytes,
      ext: EXT[spec.format] ?? spec.format,
      width: Math.max(1, Math.round(image.width * scale)),
      height: Math.max(1, Math.round(image.height * scale)),
    };
  };
}
