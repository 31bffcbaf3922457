import { TrawlError } from '@trawl/errors';

/**
 * A fetch that did not produce a usable response. `retryable` tells the job bus whether another
 * attempt may succeed (timeouts, resets, 5xx) or the verdict is final (policy, limits, 4xx).
 */
export abstract class FetchError extends TrawlError {
  abstract readonly retryable: boolean;

  constructor(
    /** The URL being fetched when it failed (the current redirect hop). */
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${message} (${url})`, options);
  }
}

/** The network policy refused the address (SSRF protection): no connection was made to it. */
export class BlockedAddressError extends FetchError {
  readonly code = 'blocked-address';
  readonly retryable = false;
  constructor(url: string, readonly address: string, readonly reason: string) {
    super(url, `refused to connect to ${address}: ${reason}`);
  }
}

export class InvalidUrlError extends FetchError {
  readonly code = 'invalid-url';
  readonly retryable = false;
  constructor(url: string) {
    super(url, 'not a valid absolute URL');
  }
}

/** Only http: and https: are fetched, on the first hop and on every redirect. */
export class UnsupportedSchemeError extends FetchError {
  readonly code = 'unsupported-scheme';
  readonly retryable = false;
  constructor(url: string, readonly scheme: string) {
    super(url, `scheme ${scheme} is not fetched`);
  }
}

export class TooManyRedirectsError extends FetchError {
  readonly code = 'too-many-redirects';
  readonly retryable = false;
  constructor(url: string, readonly maxRedirects: number, readonly redirects: readonly string[]) {
    super(url, `more than ${maxRedirects} redirects`);
  }
}

/** A redirect led back to a URL already visited in this fetch. */
export class RedirectLoopError extends FetchError {
  readonly code = 'redirect-loop';
  readonly retryable = false;
  constructor(url: string, readonly redirects: readonly string[]) {
    super(url, 'redirect loop');
  }
}

/** The decompressed body (or its announced Content-Length) passed `limits.maxBytes`. */
export class BodyTooLargeError extends FetchError {
  readonly code = 'body-too-large';
  readonly retryable = false;
  constructor(url: string, readonly limitBytes: number) {
    super(url, `body exceeds the limit of ${limitBytes} bytes`);
  }
}

export class FetchTimeoutError extends FetchError {
  readonly code = 'timeout';
  readonly retryable = true;
  constructor(url: string, readonly phase: 'connect' | 'total', readonly timeoutMs: number, options?: { cause?: unknown }) {
    super(url, phase === 'connect' ? `no connection within ${timeoutMs} ms` : `not done within ${timeoutMs} ms`, options);
  }
}

/** The connection could not be made (refused, unreachable, TLS failure, malformed response). */
export class ConnectionFailedError extends FetchError {
  readonly code = 'connection-failed';
  readonly retryable = true;
  constructor(url: string, detail: string, options?: { cause?: unknown }) {
    super(url, `connection failed: ${detail}`, options);
  }
}

/** The peer closed the connection in the middle of the exchange. */
export class ConnectionResetError extends FetchError {
  readonly code = 'connection-reset';
  readonly retryable = true;
  constructor(url: string, detail: string, options?: { cause?: unknown }) {
    super(url, `connection reset: ${detail}`, options);
  }
}

/** Name resolution failed: final when the name does not exist, retryable when the resolver was unsure. */
export class DnsFailureError extends FetchError {
  readonly code = 'dns-failure';
  constructor(url: string, readonly host: string, readonly retryable: boolean, detail: string, options?: { cause?: unknown }) {
    super(url, `cannot resolve ${host}: ${detail}`, options);
  }
}

/** The body is not valid gzip / deflate / brotli as its Content-Encoding says. */
export class DecompressionFailedError extends FetchError {
  readonly code = 'decompression-failed';
  readonly retryable = false;
  constructor(url: string, detail: string, options?: { cause?: unknown }) {
    super(url, `decompression failed: ${detail}`, options);
  }
}
