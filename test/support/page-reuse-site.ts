import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { FIXTURE_SITE_DIR } from './fixture-site';

/** A loopback site for page reuse (ADR 0012): it counts each path's requests, and the 304s it answered. */
export interface PageReuseSite {
  baseUrl: string;
  /** GETs of a path (any query string). */
  hits(path: string): number;
  /** 304 Not Modified answers for a path. */
  notModified(path: string): number;
  /** From now on `/fixable` answers 200 instead of 404. */
  fix(): void;
  close(): Promise<void>;
}

const PNG = readFileSync(join(FIXTURE_SITE_DIR, 'img', 'img-src.png'));
const MAX_DELAY_MS = 10_000;

/** An article with navigation around it, two images (one by srcset) and a validator. */
export function articleHtml(label: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Reuse ${label}</title></head><body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav>
<main><article><h1>Reuse ${label}</h1><p>The first paragraph of the ${label} article, long enough to be its main content.</p>
<figure><img src="/img/a.png" alt="first picture"><figcaption>A caption for ${label}</figcaption></figure>
<p>A second paragraph, after the picture.</p><img srcset="/img/b.png 1x" alt="second picture"></article></main>
<footer>Footer text</footer></body></html>`;
}

/**
 * Routes: `/article/<name>` (ETag "v1", answers 304 to If-None-Match "v1"), `/slow/<name>?ms=`, `/fixable`
 * (404 until fix()), `/img/<name>.png`; robots.txt is absent (404: everything allowed).
 */
export async function startPageReuseSite(): Promise<PageReuseSite> {
  const hits = new Map<string, number>();
  const notModified = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let fixed = false;
  const html = (res: ServerResponse, body: string, headers: Record<string, string> = {}) =>
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    const article = /^\/article\/([\w-]+)$/.exec(url.pathname);
    const slow = /^\/slow\/([\w-]+)$/.exec(url.pathname);
    if (article) {
      if (req.headers['if-none-match'] === '"v1"') {
        notModified.set(url.pathname, (notModified.get(url.pathname) ?? 0) + 1);
        res.writeHead(304, { etag: '"v1"' }).end();
      } else html(res, articleHtml(article[1]), { etag: '"v1"' });
    } else if (slow) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        html(res, articleHtml(slow[1]));
      }, Math.min(Number(url.searchParams.get('ms') ?? 0), MAX_DELAY_MS));
      timers.add(timer);
    } else if (url.pathname === '/fixable') {
      if (fixed) html(res, articleHtml('fixed'));
      else res.writeHead(404, { 'content-type': 'text/plain' }).end('not yet');
    } else if (url.pathname.startsWith('/img/')) {
      res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    hits: (path) => hits.get(path) ?? 0,
    notModified: (path) => notModified.get(path) ?? 0,
    fix: () => void (fixed = true),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
