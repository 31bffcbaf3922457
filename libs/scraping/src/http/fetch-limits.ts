/** Bounds on one fetch, redirects included. A hostile server cannot push a fetch past them. */
export interface FetchLimits {
  /** Body bytes after decompression; more ends the fetch with `body-too-large`. */
  maxBytes: number;
  /** Redirects followed; one more ends the fetch with `too-many-redirects`. */
  maxRedirects: number;
  /** DNS lookup, then TCP (and TLS) connect, each within this time, per hop. */
  connectTimeoutMs: number;
  /** The whole fetch, every hop and the body read included. */
  totalTimeoutMs: number;
}

/** Defaults sized for an HTML page; image fetches pass their own `maxBytes`. */
export const DEFAULT_FETCH_LIMITS: Readonly<FetchLimits> = Object.freeze({
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 10,
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 60_000,
});
