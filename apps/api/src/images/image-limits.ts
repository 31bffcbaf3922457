import type { TrawlConfig } from '@trawl/config';

/** The image limits of the API, read once from the configuration. */
export interface ImageLimits {
  maxPixels: number;
  maxVariantDimension: number;
  maxVariantBytes: number;
  maxJsonImageBytes: number;
  maxUploadBytes: number;
}

export const IMAGE_LIMITS = Symbol('IMAGE_LIMITS');

export function imageLimitsFrom(config: TrawlConfig): ImageLimits {
  const { env } = config;
  return {
    maxPixels: env.TRAWL_MAX_IMAGE_PIXELS,
    maxVariantDimension: env.TRAWL_MAX_VARIANT_DIMENSION,
    // A variant is never allowed to be larger than an image the fetcher would store.
    maxVariantBytes: env.TRAWL_MAX_IMAGE_BYTES,
    maxJsonImageBytes: env.TRAWL_MAX_IMAGE_JSON_BYTES,
    maxUploadBytes: env.TRAWL_MAX_UPLOAD_BYTES,
  };
}
