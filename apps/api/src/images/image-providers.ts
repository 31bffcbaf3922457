import type { Provider } from '@nestjs/common';
import { BLOB_STORE, type BlobStore } from '@trawl/blob-store';
import type { TrawlConfig } from '@trawl/config';
import { VariantStore } from '@trawl/imaging';
import { TRAWL_CONFIG } from '@trawl/platform';
import { IMAGE_LIMITS, imageLimitsFrom, type ImageLimits } from './image-limits';
import { ImageRepresentations } from './serve/image-representations';

/** The image services the API's controllers share: one variant store per process (it dedups renders). */
export const imageProviders: Provider[] = [
  { provide: IMAGE_LIMITS, useFactory: (config: TrawlConfig) => imageLimitsFrom(config), inject: [TRAWL_CONFIG] },
  {
    provide: VariantStore,
    useFactory: (blobs: BlobStore, limits: ImageLimits) => new VariantStore(blobs, { maxInputPixels: limits.maxPixels, maxOutputBytes: limits.maxVariantBytes }),
    inject: [BLOB_STORE, IMAGE_LIMITS],
  },
  ImageRepresentations,
];
