import { TrawlError } from '@trawl/errors';
import { FetchError } from '@trawl/scraping';

/** A final, non-retryable verdict on a page or image that is not an HTTP failure. */
export class ContentRejectedError extends TrawlError {
  constructor(
    readonly code: 'not-html' | 'not-an-image' | 'empty-body',
    message: string,
  ) {
    super(message);
  }
}

export interface FailureVerdict {
  retryable: boolean;
  error: { code: string; message: string };
}

/**
 * Classifies a failure: fetch errors say themselves whether they are retryable; content rejections
 * are final; anything else (the event store or blob store briefly unavailable, a bug) is retried,
 * bounded by the attempt limit.
 */
export function classifyFailure(error: unknown): FailureVerdict {
  if (error instanceof FetchError) {
    const fetchError: FetchError = error;
    return { retryable: fetchError.retryable, error: { code: fetchError.code, message: fetchError.message } };
  }
  if (error instanceof ContentRejectedError) return { retryable: false, error: { code: error.code, message: error.message } };
  if (error instanceof TrawlError) return { retryable: true, error: { code: error.code, message: error.message } };
  return { retryable: true, error: { code: 'internal-error', message: error instanceof Error ? error.message : String(error) } };
}

/** Rethrow (so the bus retries or hands the job back) instead of recording a final failure? */
export function shouldRetry(verdict: FailureVerdict, attempt: number, maxAttempts: number, signal: AbortSignal): boolean {
  return signal.aborted || (verdict.retryable && attempt < maxAttempts);
}
