import type { FetchLimits } from './fetch-limits';

export interface HttpRequest {
  /** Absolute http(s) URL. */
  url: string;
  /** Extra request headers; they win over the generated browser-like ones. */
  headers?: Record<string, string>;
  /** Aborting it ends the fetch (and the body) with the signal's reason. */
  signal?: AbortSignal;
  limits: FetchLimits;
}

export interface HttpResponse {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /**
   * Each header line as the server sent it (lower-case names, one value per line, in order): what
   * X-Robots-Tag needs, since a user-agent prefix in one line must not reach the next line's
   * directives. Absent from clients that do not keep them.
   */
  headerLines?: Record<string, string[]>;
  /** The URLs that answered with a redirect, in order, the requested URL first. Empty without redirects. */
  redirects: string[];
  /**
   * The body, decompressed and bounded by `limits.maxBytes` and `limits.totalTimeoutMs`. Reading it
   * may throw a FetchError (body-too-large, timeout, connection-reset, decompression-failed).
   * Stopping early (break) releases the connection.
   */
  body: AsyncIterable<Buffer>;
  /** The IP address the final response came from. */
  remoteAddress: string;
}

/**
 * The HTTP client port: one GET, redirects followed under the network policy, body streamed.
 * Non-2xx statuses are returned, not thrown: the caller classifies them (see `statusError`).
 * Failures are FetchError subclasses with a stable `code` and a `retryable` flag. It never retries
 * (but sends a request again on a new connection when the pooled one it went out on had been closed
 * by its server before any answer).
 */
export interface HttpClient {
  stream(request: HttpRequest): Promise<HttpResponse>;
  /** Loads what the first request would need (modules, generators), so that it does not wait for them. Never rejects. */
  warmUp?(): Promise<void>;
  /** Closes the connections kept open for the next requests. */
  close?(): Promise<void>;
}

/** DI token for the {@link HttpClient} port. */
export const HTTP_CLIENT = Symbol('HTTP_CLIENT');
