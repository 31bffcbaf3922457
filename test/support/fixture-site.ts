import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveDynamic } from './fixture-site-dynamic';
import { flakyRoute } from './fixture-site-flaky';
import { serveStatic } from './fixture-site-static';

export { FIXTURE_SITE_DIR, fillPlaceholders } from './fixture-site-static';

/** A running fixture site. */
export interface FixtureSite {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  baseUrl: string;
  /** Stops the server, cutting open connections and pending slow responses. */
  close(): Promise<void>;
  /**
   * Requests received so far for a path: `/img/a.png` counts every query string, `/x?y=1`
   * only that one.
   */
  hits(path: string): number;
  /** When each request for a path (any query string) arrived, in epoch ms. */
  hitTimes(path: string): number[];
  /** Requests under `/slow-image/` open now, and the most open at once since the start or `reset()`. */
  readonly slowImages: { readonly open: number; readonly peak: number; reset(): void };
}

/**
 * Starts the loopback web site for end-to-end tests on 127.0.0.1 and a random port: the files
 * under test/fixtures/site (see expected.json there) plus the dynamic routes `/status/<code>`,
 * `/slow-image/<n>.png?ms=`, `/slow-page?ms=`, `/many-slow-images?count=&ms=`, `/redirect?to=` and
 * `/flaky/<id>?failures=&retryAfter=`.
 */
export async function startFixtureSite(): Promise<FixtureSite> {
  const byPath = new Map<string, number>();
  const byPathAndQuery = new Map<string, number>();
  const timesByPath = new Map<string, number[]>();
  const slowImages = { open: 0, peak: 0, reset: () => void (slowImages.peak = slowImages.open) };
  const flaky = flakyRoute();
  const timers = new Set<NodeJS.Timeout>();
  let origin = '';

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    byPath.set(url.pathname, (byPath.get(url.pathname) ?? 0) + 1);
    const full = url.pathname + url.search;
    byPathAndQuery.set(full, (byPathAndQuery.get(full) ?? 0) + 1);
    const times = timesByPath.get(url.pathname) ?? [];
    times.push(Date.now());
    timesByPath.set(url.pathname, times);
    if (url.pathname.startsWith('/slow-image/')) {
      slowImages.open += 1;
      slowImages.peak = Math.max(slowImages.peak, slowImages.open);
      // Counted down when the answer is ended, before its bytes can reach the client: a client that
      // starts its next request on receiving them never shows as an overlap that was not there.
      let counted = true;
      const done = () => {
        if (!counted) return;
        counted = false;
        slowImages.open -= 1;
      };
      const end = res.end.bind(res);
      res.end = ((...args: Parameters<typeof res.end>) => {
        done();
        return end(...args);
      }) as typeof res.end;
      res.once('close', done);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
    } else if (!flaky(url, res) && !serveDynamic(url, res, timers)) {
      serveStatic(url.pathname, req.method, origin, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl: origin,
    hits: (path) => (path.includes('?') ? byPathAndQuery.get(path) : byPath.get(path)) ?? 0,
    hitTimes: (path) => [...(timesByPath.get(path) ?? [])],
    slowImages,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
