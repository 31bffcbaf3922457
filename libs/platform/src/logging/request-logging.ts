import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Level, Logger } from 'pino';
import { routePattern } from '@trawl/metrics';
import { CORRELATION_HEADER, correlationIdOf } from './correlation-id';

/** Probes and scrapes: logged at debug, so that a poll every few seconds does not drown the rest. */
const QUIET_PATHS = new Set(['/health', '/ready', '/metrics']);

type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

/**
 * One log line per request when its response is finished: method, route pattern, status, duration,
 * and the correlation id (taken from X-Correlation-Id or made, and echoed in the response). Mounted
 * on Express ahead of everything else so that responses sent by early middleware are logged too.
 *
 * It does only what a line needs, and builds the line only when its level is logged: pino-http made a
 * child logger, serialised the request and held three listeners for every request (one now), a visible share of
 * a status GET's CPU at the default level, where info lines are not even written (issue 9 profile).
 * `request.log` (which nestjs-pino binds for Nest's Logger calls made while handling the request) is
 * made on first use, bound to the request and its correlation id.
 */
export function requestLogging(logger: Logger): Middleware {
  return (request, response, next) => {
    const started = Date.now();
    const correlationId = correlationIdOf(request);
    response.setHeader(CORRELATION_HEADER, correlationId);
    let child: Logger | undefined;
    Object.defineProperty(request, 'log', {
      configurable: true,
      get: () => (child ??= logger.child({ req: { method: request.method, url: request.url }, correlationId })),
    });
    // 'close' ends every response: after 'finish' when it was sent, alone when the connection went first.
    response.once('close', () => {
      const level = levelOf(request, response);
      if (!logger.isLevelEnabled(level)) return;
      const route = routePattern(request);
      const line: Record<string, unknown> = {
        req: { method: request.method, url: request.url },
        res: { statusCode: response.statusCode },
        durationMs: Date.now() - started,
        route,
        correlationId,
      };
      if (response.statusCode >= 500) line.err = new Error(`failed with status code ${response.statusCode}`);
      logger[level](line, `${request.method} ${route} ${response.statusCode}`);
    });
    next();
  };
}

function levelOf(request: IncomingMessage, response: ServerResponse): Level {
  if (response.statusCode >= 500) return 'error';
  return QUIET_PATHS.has((request.url ?? '').split('?')[0]) ? 'debug' : 'info';
}
