import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { routePattern } from '@trawl/metrics';
import { CORRELATION_HEADER, correlationIdOf } from './correlation-id';

/** Probes and scrapes: logged at debug, so that a poll every few seconds does not drown the rest. */
const QUIET_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * One log line per request when its response is finished: method, route pattern, status, duration,
 * and the correlation id (taken from X-Correlation-Id or made, and echoed in the response). Mounted
 * on Express ahead of everything else so that responses sent by early middleware are logged too.
 */
export function requestLogging(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: (request: IncomingMessage, response: ServerResponse) => {
      const id = correlationIdOf(request);
      response.setHeader(CORRELATION_HEADER, id);
      return id;
    },
    customAttributeKeys: { responseTime: 'durationMs' },
    serializers: {
      req: (request: { method: string; url: string }) => ({ method: request.method, url: request.url }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
    customLogLevel: (request, response, error) => {
      if (error || response.statusCode >= 500) return 'error';
      return QUIET_PATHS.has(pathOf(request)) ? 'debug' : 'info';
    },
    customSuccessObject: (request, _response, fields) => ({ ...fields, route: routePattern(request), correlationId: request.id }),
    customErrorObject: (request, _response, _error, fields) => ({ ...fields, route: routePattern(request), correlationId: request.id }),
    customSuccessMessage: (request, response) => `${request.method} ${routePattern(request)} ${response.statusCode}`,
    customErrorMessage: (request, response) => `${request.method} ${routePattern(request)} ${response.statusCode}`,
  });
}

function pathOf(request: IncomingMessage): string {
  return (request.url ?? '').split('?')[0];
}
