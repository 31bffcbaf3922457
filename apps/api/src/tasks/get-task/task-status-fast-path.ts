import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { TrawlMetrics } from '@trawl/metrics';
import { CORRELATION_HEADER, correlationIdOf, logRequestLine } from '@trawl/platform';
import type { Logger } from 'pino';
import { API_PREFIX } from '../task-presenter';
import type { TaskStatusCache } from './task-status-cache';
import { sendTaskStatus } from './task-status-response';

const PREFIX = `${API_PREFIX}/tasks/`;
export const TASK_STATUS_ROUTE = `${API_PREFIX}/tasks/:id`;
/** The characters of a UUID: a first filter (the full check is the route's, on a cache miss). */
const ID_CHARACTERS = /^[0-9a-fA-F-]{36}$/;

export interface TaskStatusFastPathDeps {
  cache: TaskStatusCache;
  /** The API-key check (AccessControl.admits): a request it refuses goes to Express for its 401. */
  admits(request: IncomingMessage): boolean;
  logger: Logger;
  metrics: TrawlMetrics;
}

/**
 * The task id of a request the fast path may answer, or null. Only the plain form: GET or HEAD of
 * `/api/v1/tasks/<id>` (any query, which the route ignores) without a body. Every other form Express
 * also routes here (a trailing slash, other letter case, percent-encoding, a GET with a body, whose
 * JSON the body parser reads and may refuse) goes to Express, which answers it as it always has.
 */
export function statusTaskIdOf(request: IncomingMessage): string | null {
  const { method, url, headers } = request;
  if ((method !== 'GET' && method !== 'HEAD') || url === undefined || !url.startsWith(PREFIX)) return null;
  const query = url.indexOf('?', PREFIX.length);
  const id = query === -1 ? url.slice(PREFIX.length) : url.slice(PREFIX.length, query);
  if (!ID_CHARACTERS.test(id)) return null;
  if (headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined) return null;
  return id;
}

/**
 * Puts the status GET ahead of Express on the HTTP server: the server's request listener answers a
 * found task's status itself and hands every other request (and a status GET it does not answer: an
 * unknown, malformed or expired id, a read that fails) to Express as before.
 *
 * The poll of a task is the call clients repeat most. Through Express it crossed the whole middleware
 * stack (request log, metrics, API keys, three body readers, the router and its param handling) for a
 * 50 µs response (issue 9 profile). Here it does what those did for it, and nothing else: the API-key
 * check, the correlation id (taken or made, echoed), the same access log line and request metric (by
 * route pattern), and the answer the route gives (TaskStatusCache, sendTaskStatus).
 */
export function answerTaskStatusFirst(server: Server, deps: TaskStatusFastPathDeps): void {
  const listeners = server.listeners('request') as RequestListener[];
  if (listeners.length !== 1) throw new Error(`the HTTP server has ${listeners.length} request listeners; expected Express alone`);
  const [express] = listeners;
  server.removeListener('request', express);
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const id = statusTaskIdOf(request);
    if (id === null || !deps.admits(request)) return express(request, response);
    const started = Date.now();
    const startedMs = performance.now();
    deps.cache.answerFor(id).then(
      (answer) => {
        if (!answer) return express(request, response);
        const correlationId = correlationIdOf(request);
        response.setHeader(CORRELATION_HEADER, correlationId);
        // 'close' ends every response, once: after 'finish' when it was sent, alone when the connection went
        // first. `on`, not `once`: the wrapper `once` makes was a visible share of this path's CPU.
        response.on('close', () => {
          // A connection closed before the response finished has no real status: 499, as the metrics middleware says.
          const status = response.writableFinished ? String(response.statusCode) : '499';
          deps.metrics.httpRequestDuration.observe({ method: request.method, route: TASK_STATUS_ROUTE, status }, (performance.now() - startedMs) / 1000);
          logRequestLine(deps.logger, request, response, started, correlationId, routeOfStatus);
        });
        sendTaskStatus(request, response, answer);
      },
      () => express(request, response),
    );
  });
}

function routeOfStatus(): string {
  return TASK_STATUS_ROUTE;
}
