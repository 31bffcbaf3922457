import { FetchError } from '../http/fetch-errors';
import type { FetchLimits } from '../http/fetch-limits';
import type { HttpClient } from '../http/http-client.port';
import { parseRetryAfter } from '../http/http-status-error';
import { discardBody } from '../http/limited-body';
import { RobotsUnavailableError } from './robots-errors';
import { ROBOTS_MAX_BYTES, parseRobots, readHead, type RobotsRules } from './robots-rules';

/** What an origin's robots.txt says, once fetched: rules to apply, or no restriction at all. */
export type RobotsFile = { kind: 'rules'; rules: RobotsRules } | { kind: 'allow-all'; reason: string };

/**
 * Small on purpose: robots.txt is tiny, and a slow one delays every job of its origin. The body is
 * cut at ROBOTS_MAX_BYTES by the reader; the client's own byte limit sits far above it only so that
 * a large announced Content-Length does not refuse the file outright.
 */
export const ROBOTS_FETCH_LIMITS: Readonly<FetchLimits> = Object.freeze({
  maxBytes: Number.MAX_SAFE_INTEGER,
  maxRedirects: 5,
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 10_000,
});

/**
 * Fetches `<origin>/robots.txt` and reads it the RFC 9309 (§2.3.1) way:
 * - 2xx: its rules (the first ROBOTS_MAX_BYTES);
 * - other 4xx, or redirects past the limit or in a loop, or any other final fetch failure: "unavailable",
 *   which allows everything (a blocked address or a name that does not exist is then reported by the
 *   page fetch itself, with its own code);
 * - 5xx, 429 and retryable network failures (timeout, refused, reset): "unreachable", thrown as a
 *   retryable RobotsUnavailableError, which disallows everything for now. 429 counts as unreachable,
 *   not as a 4xx: the server asks us to slow down, so fetching the page at once would be rude.
 */
export async function fetchRobotsFile(
  http: HttpClient,
  origin: string,
  options: { limits?: FetchLimits; signal?: AbortSignal; now?: () => number } = {},
): Promise<RobotsFile> {
  const robotsUrl = `${origin}/robots.txt`;
  const now = options.now ?? Date.now;
  let response;
  try {
    response = await http.stream({ url: robotsUrl, limits: options.limits ?? ROBOTS_FETCH_LIMITS, signal: options.signal });
  } catch (error) {
    return afterFailure(robotsUrl, error, options.signal);
  }
  const { status } = response;
  try {
    if (status >= 500 || status === 429) {
      throw new RobotsUnavailableError(robotsUrl, `HTTP status ${status}`, parseRetryAfter(response.headers['retry-after'], now()));
    }
    if (status < 200 || status >= 300) return { kind: 'allow-all', reason: `HTTP status ${status}` };
    try {
      return { kind: 'rules', rules: parseRobots(robotsUrl, await readHead(response.body, ROBOTS_MAX_BYTES)) };
    } catch (error) {
      // The body failed mid-way (timeout, reset): as unreachable as a failed connection.
      return afterFailure(robotsUrl, error, options.signal);
    }
  } finally {
    await discardBody(response.body);
  }
}

/** A failed fetch: a final failure makes the file "unavailable" (allow all), a passing one "unreachable". */
function afterFailure(robotsUrl: string, error: unknown, signal: AbortSignal | undefined): RobotsFile {
  if (signal?.aborted) throw error;
  if (error instanceof FetchError && !error.retryable) return { kind: 'allow-all', reason: `${error.code}: ${error.message}` };
  throw new RobotsUnavailableError(robotsUrl, error instanceof Error ? error.message : String(error), undefined, { cause: error });
}
