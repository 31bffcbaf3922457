import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A body to send, or null for a 404. */
export type Route = (path: string) => { body: Buffer; type: string } | null;

/** A running bench site on 127.0.0.1, with the counts that prove what the clients did. */
export interface LoopbackSite {
  baseUrl: string;
  /**
   * Since the last reset: requests, 404s among them (anything a client should not ask for), and the peak of
   * TCP connections open at once (a client's real concurrency: requests in flight are rarely seen to overlap
   * when the site answers at once from memory).
   */
  served(): { requests: number; notFound: number; notFoundPaths: string[]; peakConnections: number; timeline: SiteTimeline };
  resetCounts(): void;
  close(): Promise<void>;
}

/** Since the last reset, in seconds: when the first request came and when the last answer was sent (null: none yet). */
export interface SiteTimeline {
  firstRequest: number | null;
  lastAnswer: number | null;
}

/**
 * Serves `route` on 127.0.0.1 only (a random port), optionally holding every response `delayMs` first, and
 * keeps the peak number of requests in flight: the effective concurrency a client really used.
 */
export async function startLoopbackSite(route: Route, options: { delayMs?: number } = {}): Promise<LoopbackSite> {
  let requests = 0;
  let notFound = 0;
  let notFoundPaths: string[] = [];
  let open = 0;
  let peakConnections = 0;
  let resetAt = performance.now();
  let firstRequestAt: number | null = null;
  let lastAnswerAt: number | null = null;
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    requests += 1;
    firstRequestAt ??= performance.now();
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const answer = route(path);
    if (!answer) {
      notFound += 1;
      if (notFoundPaths.length < 3) notFoundPaths.push(path);
    }
    const send = () => {
      lastAnswerAt = performance.now();
      if (!answer) response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      else response.writeHead(200, { 'content-type': answer.type, 'content-length': answer.body.length }).end(answer.body);
    };
    if (options.delayMs) setTimeout(send, options.delayMs);
    else send();
  };
  const server = createServer({ keepAlive: true }, handle);
  server.maxConnections = 4096;
  server.on('connection', (socket) => {
    open += 1;
    peakConnections = Math.max(peakConnections, open);
    socket.once('close', () => (open -= 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const sinceReset = (at: number | null) => (at === null ? null : (at - resetAt) / 1000);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    served: () => ({ requests, notFound, notFoundPaths, peakConnections, timeline: { firstRequest: sinceReset(firstRequestAt), lastAnswer: sinceReset(lastAnswerAt) } }),
    resetCounts: () => {
      resetAt = performance.now();
      firstRequestAt = null;
      lastAnswerAt = null;
      requests = 0;
      notFound = 0;
      notFoundPaths = [];
      peakConnections = open;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
