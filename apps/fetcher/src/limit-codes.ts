import { TooLargeError } from '@trawl/errors';
import { BodyTooLargeError, FetchTimeoutError } from '@trawl/scraping';

/** What a handler was fetching when a limit was hit. */
export type FetchedResource = 'page' | 'image';

/**
 * The code a hit limit is recorded with, one per limit (docs/architecture.md, "Limits"): the HTTP
 * client says only "body too large" or "timeout", the handler knows whether it was fetching a page
 * or an image, and a user should not have to tell TRAWL_MAX_PAGE_BYTES from TRAWL_MAX_IMAGE_BYTES
 * by the event type. Null for anything that is not a size or time limit.
 */
export function limitCodeOf(error: unknown, resource: FetchedResource | undefined): string | null {
  if (resource === undefined) return null;
  // The blob store's own bound (TooLargeError) is the same number as the HTTP client's.
  if (error instanceof BodyTooLargeError || error instanceof TooLargeError) return `${resource}-too-large`;
  if (error instanceof FetchTimeoutError) return error.phase === 'connect' ? 'connect-timeout' : `${resource}-timeout`;
  return null;
}
