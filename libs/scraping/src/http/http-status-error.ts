import { FetchError } from './fetch-errors';
import type { HttpResponse } from './http-client.port';

/**
 * A response whose status is a failure. 5xx and 429 are worth retrying, after `retryAfterMs` when
 * the server said so; other 4xx are final.
 */
export class HttpStatusError extends FetchError {
  readonly code = 'http-status';
  readonly retryable: boolean;

  constructor(url: string, readonly status: number, readonly retryAfterMs?: number) {
    super(url, `HTTP status ${status}`);
    this.retryable = status >= 500 || status === 429;
  }
}

/**
 * Reads Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, as milliseconds from `nowMs`
 * (a date in the past gives 0). Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only the date forms HTTP allows; Date.parse alone would accept "1" or "2024".
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * The error a response's status stands for, or null for 1xx–3xx. The client returns every status;
 * this is the one place that decides which are failures and whether they are retryable.
 */
export function statusError(response: Pick<HttpResponse, 'url' | 'status' | 'headers'>, nowMs: number): HttpStatusError | null {
  if (response.status < 400) return null;
  const retryAfterMs =
    response.status >= 500 || response.status === 429 ? parseRetryAfter(response.headers['retry-after'], nowMs) : undefined;
  return new HttpStatusError(response.url, response.status, retryAfterMs);
}
