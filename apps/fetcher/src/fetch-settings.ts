import type { TrawlConfig } from '@trawl/config';
import { productToken, type FetchLimits } from '@trawl/scraping';

/** What the fetcher's handlers need from the configuration, in their own terms. */
export interface FetchSettings {
  pageLimits: FetchLimits;
  imageLimits: FetchLimits;
  maxImagesPerPage: number;
  /** Largest width x height an image may declare (decompression bombs). */
  maxImagePixels: number;
  /** Attempts per job before its failure becomes final (matches the job bus retry policy). */
  maxAttempts: number;
  /** TRAWL_REUSE_MAX_AGE in ms: a stored image URL younger than this is linked without a request. */
  reuseMaxAgeMs: number;
  /** TRAWL_KEEP_HTML: store each page as received, for re-extraction without re-fetching. */
  keepHtml: boolean;
  /** TRAWL_RESPECT_OPT_OUTS / TRAWL_OPT_OUT_NOINDEX: null when AI opt-outs are not honoured at all. */
  optOuts: { productToken: string; honourNoindex: boolean } | null;
}

export function fetchSettingsFrom(config: TrawlConfig): FetchSettings {
  const env = config.env;
  const shared = { maxRedirects: env.TRAWL_MAX_REDIRECTS, connectTimeoutMs: env.TRAWL_CONNECT_TIMEOUT_MS };
  return {
    pageLimits: { ...shared, maxBytes: env.TRAWL_MAX_PAGE_BYTES, totalTimeoutMs: env.TRAWL_PAGE_TIMEOUT_MS },
    imageLimits: { ...shared, maxBytes: env.TRAWL_MAX_IMAGE_BYTES, totalTimeoutMs: env.TRAWL_IMAGE_TIMEOUT_MS },
    maxImagesPerPage: env.TRAWL_MAX_IMAGES_PER_PAGE,
    maxImagePixels: env.TRAWL_MAX_IMAGE_PIXELS,
    maxAttempts: env.TRAWL_MAX_ATTEMPTS,
    reuseMaxAgeMs: env.TRAWL_REUSE_MAX_AGE * 1000,
    keepHtml: env.TRAWL_KEEP_HTML,
    optOuts: env.TRAWL_RESPECT_OPT_OUTS ? { productToken: productToken(env.TRAWL_USER_AGENT), honourNoindex: env.TRAWL_OPT_OUT_NOINDEX } : null,
  };
}
