import { FetchError } from '../http/fetch-errors';

/** robots.txt of the URL's origin disallows it for our User-Agent: final, nothing was fetched. */
export class BlockedByRobotsError extends FetchError {
  readonly code = 'blocked-by-robots';
  readonly retryable = false;
  constructor(url: string) {
    super(url, 'disallowed by robots.txt');
  }
}

/**
 * robots.txt could not be read for a reason that may pass (5xx, 429, timeout, connection failure).
 * RFC 9309 §2.3.1.4 says to assume complete disallow then: nothing of the origin is fetched, and the
 * job is retried with back-off (after `retryAfterMs`, when the server sent Retry-After).
 */
export class RobotsUnavailableError extends FetchError {
  readonly code = 'robots-unavailable';
  readonly retryable = true;
  constructor(
    /** The robots.txt URL. */
    url: string,
    detail: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(url, `robots.txt unavailable, so nothing of its origin is fetched: ${detail}`, options);
  }
}
