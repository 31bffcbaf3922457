import { TooLargeError, TrawlError, UnavailableError } from '@trawl/errors';
import { FetchError } from '@trawl/scraping';
import { limitCodeOf, type FetchedResource } from './limit-codes';

/** A final, non-retryable verdict on a page or image that is not an HTTP failure. */
export class ContentRejectedError extends TrawlError {
  constructor(
    readonly code:
      | 'not-html'
      | 'not-an-image'
      | 'empty-body'
      | 'image-too-many-pixels'
      | 'truncated-image'
      | 'corrupt-image'
      | 'parse-timeout'
      | 'parse-out-of-memory'
      | 'opted-out',
    message: string,
  ) {
    super(message);
  }
}

export interface FailureVerdict {
  retryable: boolean;
  /** Our own infrastructure is down: says nothing about the page, so it never becomes a verdict. */
  outage?: boolean;
  error: { code: string; message: string };
}

/**
 * Classifies a failure: fetch errors say themselves whether they are retryable (among them
 * `blocked-by-robots`, final, and `robots-unavailable`, retried; a 429/503 keeps its Retry-After in
 * `retryAfterMs`, which the job bus waits for before the next attempt); content rejections
 * are final; anything else (the event store or blob store briefly unavailable, a bug) is retried,
 * bounded by the attempt limit.
 */
export function classifyFailure(error: unknown, resource?: FetchedResource): FailureVerdict {
  // A size or time limit is recorded with its own code (page-too-large, image-timeout...).
  const limitCode = limitCodeOf(error, resource);
  if (error instanceof FetchError) {
    const fetchError: FetchError = error;
    return { retryable: fetchError.retryable, error: { code: limitCode ?? fetchError.code, message: fetchError.message } };
  }
  if (error instanceof TooLargeError && limitCode) return { retryable: false, error: { code: limitCode, message: error.message } };
  if (error instanceof ContentRejectedError) return { retryable: false, error: { code: error.code, message: error.message } };
  if (error instanceof UnavailableError) return { retryable: true, outage: true, error: { code: error.code, message: error.message } };
  if (error instanceof TrawlError) return { retryable: true, error: { code: error.code, message: error.message } };
  return { retryable: true, error: { code: 'internal-error', message: error instanceof Error ? error.message : String(error) } };
}

/** Rethrow (so the bus retries or hands the job back) instead of recording a final failure? */
export function shouldRetry(verdict: FailureVerdict, attempt: number, maxAttempts: number, signal: AbortSignal): boolean {
  return signal.aborted || verdict.outage === true || (verdict.retryable && attempt < maxAttempts);
}
