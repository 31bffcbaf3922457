import { json, type NextFunction, type Request, type Response } from 'express';
import { ApiProblem } from '../../http/problem';
import { sendProblem } from '../../http/send-problem';
import { BATCHES_PATH } from '../batch-presenter';

/** A JSON batch holds at most 10,000 URLs of up to 2 KiB each, as escaped JSON: 4 MiB is room enough. */
export const MAX_BATCH_JSON_BYTES = 4 * 1024 * 1024;

const parseJson = json({ limit: MAX_BATCH_JSON_BYTES, strict: false });

/**
 * Parses a JSON `POST /api/v1/batches` before the API-wide parser (16 KiB, for task requests) would
 * refuse it; other bodies of that route (text/plain, NDJSON uploads) are left unread, for the
 * controller to stream line by line. Installed by configureHttp after the API-key check.
 */
export function batchBodyMiddleware(request: Request, response: Response, next: NextFunction): void {
  if (request.method !== 'POST' || normalisedPath(request.path) !== BATCHES_PATH) return next();
  parseJson(request, response, (error?: unknown) => {
    if (!error) return next();
    const { type } = error as { type?: string };
    const problem = type === 'entity.too.large'
      ? new ApiProblem(413, 'body-too-large', 'Content Too Large', `a JSON batch body is at most ${MAX_BATCH_JSON_BYTES} bytes; send more URLs as a text/plain or application/x-ndjson upload`)
      : new ApiProblem(400, 'malformed-json', 'Invalid Request', 'the request body is not valid JSON');
    if (!request.complete) {
      response.set('Connection', 'close');
      request.resume();
    }
    sendProblem(request, response, problem);
  });
}

function normalisedPath(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
