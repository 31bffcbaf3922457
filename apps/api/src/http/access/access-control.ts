import type { IncomingHttpHeaders } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { TrawlConfig } from '@trawl/config';
import { TRAWL_CONFIG } from '@trawl/platform';
import { ApiProblem } from '../problem';
import { sendProblem } from '../send-problem';
import { ApiKeys, presentedKey } from './api-keys';
import { rememberApiKey } from './client-identity';

/**
 * Paths that answer without a key: the probes of an orchestrator and the metrics scrape. They say
 * whether the process lives and how busy it is, nothing about any task, and worker processes (which
 * have no API and so no keys) serve the same paths openly on their health port.
 */
const OPEN_PATHS = new Set(['/health', '/ready', '/metrics']);

const CHALLENGE = 'Bearer realm="trawl"';

/**
 * Optional API keys (`TRAWL_API_KEYS`). When keys are configured, every request except {@link OPEN_PATHS}
 * must present one (`Authorization: Bearer <key>` or `X-API-Key: <key>`), or it is answered 401 with a
 * `WWW-Authenticate: Bearer` challenge. This runs as Express middleware ahead of body parsing and
 * routing, so an unauthenticated client gets a 401 whatever it sends or asks for (Swagger UI included),
 * and its body is never read. Refusals are not logged one by one (a flood of bad keys must not flood
 * the log); the HTTP metrics count them by status.
 */
@Injectable()
export class AccessControl {
  private readonly keys: ApiKeys;

  constructor(@Inject(TRAWL_CONFIG) config: TrawlConfig) {
    this.keys = new ApiKeys(config.env.TRAWL_API_KEYS);
  }

  /** The Express middleware; bound, so it can be passed to `app.use` as is. */
  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    if (!this.keys.enabled || OPEN_PATHS.has(normalisedPath(request.path))) return next();
    const presented = presentedKey(request.headers);
    if (presented === undefined) {
      return this.refuse(request, response, 'missing-api-key', 'this API needs a key: send Authorization: Bearer <key> or X-API-Key: <key>', CHALLENGE);
    }
    const keyId = this.keys.identify(presented);
    if (keyId === null) {
      return this.refuse(request, response, 'invalid-api-key', 'the API key is not valid', `${CHALLENGE}, error="invalid_token"`);
    }
    rememberApiKey(response, keyId);
    next();
  };

  /**
   * Whether a request with these headers passes this check (no keys configured, or a valid key
   * presented): for a response answered before the middleware runs (the status GET's fast path), which
   * leaves every other request, refusals included, to the middleware.
   */
  admits(headers: IncomingHttpHeaders): boolean {
    if (!this.keys.enabled) return true;
    const presented = presentedKey(headers);
    return presented !== undefined && this.keys.identify(presented) !== null;
  }

  private refuse(request: Request, response: Response, code: string, detail: string, challenge: string): void {
    sendProblem(request, response, new ApiProblem(401, code, 'Unauthorized', detail, undefined, { 'WWW-Authenticate': challenge }));
  }
}

/** Express matches routes with or without one trailing slash; the exemption must not differ. */
function normalisedPath(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
