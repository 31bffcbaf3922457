import { json, type NextFunction, type Request, type Response } from 'express';
import { problemType } from './problem';

const MAX_BODY_BYTES = 16 * 1024;

/**
 * JSON body parsing with a small limit, and its errors (malformed JSON, too large, bad charset) as
 * problem+json: body-parser fails in Express middleware, before Nest's exception filters run.
 */
export function jsonBodyMiddleware() {
  return [json({ limit: MAX_BODY_BYTES, strict: false }), bodyErrorHandler] as const;
}

function bodyErrorHandler(error: unknown, request: Request, response: Response, next: NextFunction): void {
  const type = (error as { type?: string } | null)?.type;
  const mapping: Record<string, [number, string, string]> = {
    'entity.parse.failed': [400, 'malformed-json', 'the request body is not valid JSON'],
    'entity.too.large': [413, 'body-too-large', `the request body exceeds ${MAX_BODY_BYTES} bytes`],
    'encoding.unsupported': [415, 'unsupported-charset', 'the request body charset is not supported; send UTF-8'],
    'charset.unsupported': [415, 'unsupported-charset', 'the request body charset is not supported; send UTF-8'],
    'request.aborted': [400, 'request-aborted', 'the request body was not received in full'],
  };
  const known = type ? mapping[type] : undefined;
  if (!known) return next(error);
  const [status, code, detail] = known;
  response
    .status(status)
    .set('Content-Type', 'application/problem+json')
    .send(JSON.stringify({ type: problemType(code), title: 'Invalid Request', status, detail, code, instance: request.originalUrl }));
}
