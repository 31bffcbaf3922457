import type { IncomingMessage, ServerResponse } from 'node:http';
import { routePattern } from './route-pattern';
import type { TrawlMetrics } from './trawl-metrics';

/**
 * Express middleware timing every request until its response is finished (or the connection closed)
 * into `trawl_http_request_duration_seconds`, labelled by route pattern. Mount it first, so that
 * responses sent by earlier middleware (body parsing, access control) are counted too.
 */
export function httpMetricsMiddleware(metrics: TrawlMetrics) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const stop = metrics.httpRequestDuration.startTimer();
    // 'close' ends every response: after 'finish' when it was sent, alone when the connection went first.
    response.once('close', () => {
      // A connection closed before the response finished has no real status: 499, as nginx logs it.
      const status = response.writableFinished ? String(response.statusCode) : '499';
      stop({ method: request.method ?? 'UNKNOWN', route: routePattern(request), status });
    });
    next();
  };
}
