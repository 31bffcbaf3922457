import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixtureImageBytes } from './fixture-expectations';

/** A second loopback site whose robots.txt disallows some of a page's images. */
export interface RobotsSite {
  baseUrl: string;
  /** Requests received for a path. */
  hits(path: string): number;
  close(): Promise<void>;
}

const PAGE = '<!doctype html><title>Half private</title><p>Two images.</p><img src="/blocked/a.png" alt="a"><img src="/open/b.png" alt="b">';

/**
 * `/robots.txt` disallows `/blocked/`; `/page.html` shows `/blocked/a.png` and `/open/b.png`, both
 * real PNG files. Anything else is 404.
 */
export async function startRobotsSite(): Promise<RobotsSite> {
  const png = fixtureImageBytes('/img/img-src.png');
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === '/robots.txt') res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /blocked/\n');
    else if (path === '/page.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    else if (path === '/blocked/a.png' || path === '/open/b.png') res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: (path) => hits.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
