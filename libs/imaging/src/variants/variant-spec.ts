import { createHash } from 'node:crypto';
import type { VariantFit, VariantFormat, VariantRequest } from './variant-params';

/** A variant with every default filled in: equal specs make equal bytes, so they share one blob. */
export interface VariantSpec {
  width: number | null;
  height: number | null;
  fit: VariantFit;
  format: VariantFormat;
  /** null for PNG, which is lossless (sharp's PNG quality would switch on palette quantisation). */
  quality: number | null;
  keepMetadata: boolean;
}

/** Encoder defaults: sharp's own for JPEG and WebP; AVIF's 50 looks like JPEG's 80 at half the size. */
const DEFAULT_QUALITY: Record<VariantFormat, number | null> = { jpeg: 80, webp: 80, avif: 50, png: null };

const SAME_FORMAT: Record<string, VariantFormat> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'avif',
};

/** Bump when rendering changes what the same spec produces, so older variants are not served. */
const RENDERER_VERSION = 1;

/**
 * Fills in the defaults: `fit` inside, the source's own format when it is one of the four outputs
 * (else PNG: GIF, SVG, TIFF, BMP and ICO sources become lossless PNG), the format's default quality.
 */
export function resolveVariant(request: VariantRequest, sourceContentType: string): VariantSpec {
  const format = request.format ?? SAME_FORMAT[sourceContentType] ?? 'png';
  return {
    width: request.width ?? null,
    height: request.height ?? null,
    fit: request.fit ?? 'inside',
    format,
    quality: DEFAULT_QUALITY[format] === null ? null : (request.quality ?? DEFAULT_QUALITY[format]),
    keepMetadata: request.keepMetadata ?? false,
  };
}

/** A stable text form of a spec, e.g. `w=256,h=-,fit=inside,fmt=webp,q=80,meta=strip`. */
export function canonicalVariant(spec: VariantSpec): string {
  const dash = (value: number | null) => (value === null ? '-' : String(value));
  return `w=${dash(spec.width)},h=${dash(spec.height)},fit=${spec.fit},fmt=${spec.format},q=${dash(spec.quality)},meta=${spec.keepMetadata ? 'keep' : 'strip'}`;
}

/**
 * The blob-store reference name of a variant: one per (source sha256, spec, renderer version). A
 * hash, so it is a valid reference name whatever the spec holds.
 */
export function variantReferenceName(sourceSha256: string, spec: VariantSpec): string {
  const digest = createHash('sha256').update(`${sourceSha256}\u0000${canonicalVariant(spec)}\u0000v${RENDERER_VERSION}`).digest('hex');
  return `variant-${digest}`;
}

export function variantContentType(format: VariantFormat): string {
  return `image/${format}`;
}
