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
 *
 * When the fetch itself failed (`cause` a FetchError: refused, unreachable, reset, timed out), the code
 * and the first clause are the cause's, since that is what happened to the site (`connect-refused`:
 * "127.0.0.1:8999 refused the connection; robots.txt could not be read…"); only an HTTP answer such as
 * a 503 is `robots-unavailable` itself. The robots.txt URL is named once, at the end.
 */
export class RobotsUnavailableError extends FetchError {
  readonly code: string;
  readonly retryable = true;
  constructor(
    /** The robots.txt URL. */
    url: string,
    detail: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    const cause = options?.cause instanceof FetchError ? options.cause : undefined;
    super(
      url,
      cause
        ? `${withoutUrl(cause)}; robots.txt could not be read, so nothing of the site is fetched for now`
        : `robots.txt unavailable, so nothing of its origin is fetched: ${detail}`,
      options,
    );
    this.code = cause?.code ?? 'robots-unavailable';
  }
}

/** A FetchError's message without the ` (url)` it ends with, when that URL is the one fetched. */
function withoutUrl(error: FetchError): string {
  const suffix = ` (${error.url})`;
  return error.message.endsWith(suffix) ? error.message.slice(0, -suffix.length) : error.message;
}
