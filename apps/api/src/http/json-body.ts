import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { json, type NextFunction, type Request, type Response } from 'express';
import { problemType } from './problem';

export const MAX_BODY_BYTES = 16 * 1024;

/**
 * JSON body parsing with a small limit, and its errors (malformed JSON, too large, bad charset,
 * bytes that are not UTF-8) as problem+json: body-parser fails in Express middleware, before Nest's
 * exception filters run. The limit holds after decompression too (raw-body counts inflated bytes).
 * `strict: false` lets `null` or `5` parse, so that the schema (not the parser) names what is wrong.
 */
export function jsonBodyMiddleware() {
  return [json({ limit: MAX_BODY_BYTES, strict: false, verify: requireUtf8 }), bodyErrorHandler, forgetEmptyBody] as const;
}

const EMPTY_BODY = Symbol('empty JSON body');

/**
 * body-parser reads an empty JSON body (`Content-Length: 0`) as `{}`, which would make the client's
 * mistake look like an object without fields ("url: expected string"). As no body at all, it gets
 * "the body is empty; send a JSON object with url" from the schema check (zod-validation.ts).
 */
function forgetEmptyBody(request: Request, _response: Response, next: NextFunction): void {
  if ((request as unknown as Record<symbol, boolean>)[EMPTY_BODY]) request.body = undefined;
  next();
}

/**
 * Whether a Content-Type header names JSON. Exactly `application/json` (parameters aside): the parser
 * reads only that type, so `application/json-patch+json` must be a 415, not an empty body.
 */
export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType?.split(';', 1)[0].trim().toLowerCase() === 'application/json';
}

/**
 * RFC 8259 §8.1: JSON exchanged between systems is UTF-8. Decoding other bytes would turn them into
 * U+FFFD and store a URL the client never sent, so such a body is refused whole.
 */
function requireUtf8(request: IncomingMessage, _response: unknown, body: Buffer, encoding: string | null): void {
  if (body.length === 0) (request as unknown as Record<symbol, boolean>)[EMPTY_BODY] = true;
  if (encoding !== null && encoding !== 'utf-8' && encoding !== 'utf8') {
    throw Object.assign(new Error(`charset ${encoding}`), { type: 'charset.unsupported', status: 415 });
  }
  if (!isUtf8(body)) throw Object.assign(new Error('not UTF-8'), { type: 'encoding.invalid-utf8', status: 400 });
}

const KNOWN_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'malformed-json', 'the request body is not valid JSON'],
  'entity.too.large': [413, 'body-too-large', `the request body exceeds ${MAX_BODY_BYTES} bytes`],
  'encoding.invalid-utf8': [400, 'invalid-utf8', 'the request body is not valid UTF-8'],
  'encoding.unsupported': [415, 'unsupported-content-encoding', 'the request body content encoding is not supported; send identity, gzip, deflate, br or zstd'],
  'charset.unsupported': [415, 'unsupported-charset', 'the request body charset is not supported; send UTF-8'],
  'request.aborted': [400, 'request-aborted', 'the request body was not received in full'],
  'request.size.invalid': [400, 'request-size-mismatch', 'the request body length does not match Content-Length'],
};

const UNREADABLE: [number, string, string] = [400, 'unreadable-body', 'the request body could not be read'];

function bodyErrorHandler(error: unknown, request: Request, response: Response, next: NextFunction): void {
  const { type, status: errorStatus } = (error ?? {}) as { type?: string; status?: number };
  const isClientError = typeof errorStatus === 'number' && errorStatus >= 400 && errorStatus < 500;
  // Any other client error of the parser (a corrupt gzip stream, say) is still the client's: a 400.
  const known = (type ? KNOWN_ERRORS[type] : undefined) ?? (isClientError ? UNREADABLE : undefined);
  if (!known) return next(error);
  const [status, code, detail] = known;
  const title = status === 413 ? 'Content Too Large' : status === 415 ? 'Unsupported Media Type' : 'Invalid Request';
  response
    .status(status)
    .set('Content-Type', 'application/problem+json')
    .send(JSON.stringify({ type: problemType(code), title, status, detail, code, instance: request.originalUrl }));
}
