import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Level, Logger } from 'pino';
import { routePattern } from '@trawl/metrics';
import { CORRELATION_HEADER, correlationIdOf } from './correlation-id';

/** Probes and scrapes: logged at debug, so that a poll every few seconds does not drown the rest. */
const QUIET_PATHS = new Set(['/health', '/ready', '/metrics']);

type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

/** What a request's lazy `log` is made from; a plain property of the request. */
const LOG_SOURCE = Symbol('request log source');

interface LogSource {
  logger: Logger;
  correlationId: string;
  child?: Logger;
}

type LoggedRequest = IncomingMessage & { [LOG_SOURCE]?: LogSource };

/**
 * One log line per request when its response is finished: method, route pattern, status, duration,
 * and the correlation id (taken from X-Correlation-Id or made, and echoed in the response). Mounted
 * on Express ahead of everything else so that responses sent by early middleware are logged too.
 *
 * It does only what a line needs, and builds the line only when its level is logged: pino-http made a
 * child logger, serialised the request and held three listeners for every request (one now), a visible share of
 * a status GET's CPU at the default level, where info lines are not even written (issue 9 profile).
 * `request.log` (which nestjs-pino binds for Nest's Logger calls made while handling the request) is
 * made on first use, bound to the request and its correlation id (see exposeLazyLog).
 */
export function requestLogging(logger: Logger): Middleware {
  return (request, response, next) => {
    const started = Date.now();
    const correlationId = correlationIdOf(request);
    response.setHeader(CORRELATION_HEADER, correlationId);
    (request as LoggedRequest)[LOG_SOURCE] = { logger, correlationId };
    exposeLazyLog(request);
    // 'close' ends every response: after 'finish' when it was sent, alone when the connection went first.
    response.once('close', () => logRequestLine(logger, request, response, started, correlationId, routePattern));
    next();
  };
}

/**
 * The request's log line, as requestLogging writes it when the response is closed; exported for a
 * response answered before Express (the status GET, apps/api), which passes the route it served
 * (`route` is called only when the line is logged). `started` is the request's `Date.now()`.
 */
export function logRequestLine(
  logger: Logger,
  request: IncomingMessage,
  response: ServerResponse,
  started: number,
  correlationId: string,
  route: (request: IncomingMessage) => string,
): void {
  // Below 500 the line is at info or debug: nothing to do (not even the level's path test) above info.
  if (response.statusCode < 500 && !logger.isLevelEnabled('info')) return;
  const level = levelOf(request, response);
  if (!logger.isLevelEnabled(level)) return;
  const pattern = route(request);
  const line: Record<string, unknown> = {
    req: { method: request.method, url: request.url },
    res: { statusCode: response.statusCode },
    durationMs: Date.now() - started,
    route: pattern,
    correlationId,
  };
  if (response.statusCode >= 500) line.err = new Error(`failed with status code ${response.statusCode}`);
  logger[level](line, `${request.method} ${pattern} ${response.statusCode}`);
}

/**
 * Makes `log` an accessor of the requests' prototype (Express's `app.request`, the documented place to
 * extend requests), defined once: it makes the request's child logger when first read. An accessor
 * defined on each request instead turned every request object into a slow dictionary and cost more
 * CPU than the rest of the logging (issue 9 A/B: ~380 against ~250 µs per status GET).
 */
function exposeLazyLog(request: IncomingMessage): void {
  const prototype = Object.getPrototypeOf(request) as object;
  if (Object.hasOwn(prototype, 'log')) return;
  Object.defineProperty(prototype, 'log', {
    configurable: true,
    get(this: LoggedRequest): Logger | undefined {
      const source = this[LOG_SOURCE];
      return source && (source.child ??= source.logger.child({ req: { method: this.method, url: this.url }, correlationId: source.correlationId }));
    },
    set(this: LoggedRequest, value: unknown) {
      Object.defineProperty(this, 'log', { value, writable: true, configurable: true, enumerable: true });
    },
  });
}

function levelOf(request: IncomingMessage, response: ServerResponse): Level {
  if (response.statusCode >= 500) return 'error';
  return QUIET_PATHS.has((request.url ?? '').split('?')[0]) ? 'debug' : 'info';
}
