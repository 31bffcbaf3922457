import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header that carries a request's correlation id in and out. */
export const CORRELATION_HEADER = 'x-correlation-id';

/** What a caller may send as a correlation id: short, and safe to log and to echo in a header. */
export const CORRELATION_ID_PATTERN = /^[\w.:-]{1,128}$/;

/**
 * The request's correlation id: the caller's X-Correlation-Id when it is well-formed, else a new one.
 * The header is then set to that id, so every later reader of the request (the task handler that
 * stores it in the event metadata, the request log line) sees the same value.
 */
export function correlationIdOf(request: IncomingMessage): string {
  const given = request.headers[CORRELATION_HEADER];
  const id = typeof given === 'string' && CORRELATION_ID_PATTERN.test(given) ? given : randomUUID();
  request.headers[CORRELATION_HEADER] = id;
  return id;
}
