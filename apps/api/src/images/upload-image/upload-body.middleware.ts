import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ApiProblem } from '../../http/problem';
import { sendProblem } from '../../http/send-problem';
import { API_PREFIX } from '../../tasks/task-presenter';
import { IMAGE_LIMITS, type ImageLimits } from '../image-limits';
import { readUploadBody, type UploadBody } from './upload-body';

export const UPLOAD_PATH = `${API_PREFIX}/images`;
const bodies = new WeakMap<Request, UploadBody & { ok: true }>();

/** The upload body read by the middleware, for the controller of the same request. */
export function uploadBodyOf(request: Request): (UploadBody & { ok: true }) | undefined {
  return bodies.get(request);
}

/**
 * Reads the body of `POST /api/v1/images` before the API's JSON parser would: that parser's 16 KiB
 * limit fits task requests, not images, and it knows neither raw images nor multipart. Once this has
 * read the body, the JSON parser finds the request finished and leaves it alone. Installed by
 * configureHttp after the API-key check, so a client without a key never gets its body read.
 */
@Injectable()
export class UploadBodyReader {
  constructor(@Inject(IMAGE_LIMITS) private readonly limits: ImageLimits) {}

  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'POST' || normalisedPath(request.path) !== UPLOAD_PATH) return next();
    readUploadBody(request, this.limits.maxUploadBytes).then(
      (body) => {
        if (body.ok) {
          bodies.set(request, body);
          return next();
        }
        if (!request.complete) {
          // Refused before the whole body arrived (too large): say so, let the rest drain, then close.
          response.set('Connection', 'close');
          request.resume();
        }
        sendProblem(request, response, new ApiProblem(body.status, body.code, titleOf(body.status), body.detail, body.errors));
      },
      () => sendProblem(request, response, new ApiProblem(400, 'request-aborted', 'Invalid Request', 'the request body was not received in full')),
    );
  };
}

function titleOf(status: number): string {
  return status === 413 ? 'Content Too Large' : status === 415 ? 'Unsupported Media Type' : 'Invalid Request';
}

function normalisedPath(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
