import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { solidPng } from './hostile/png-bytes';

/** Distinct images the pages share. */
export const SHARED_IMAGES = 12;

/**
 * A loopback site for batch tests: `/b/p<n>.html` are pages with a title, a paragraph and two images
 * shared between pages (`/b/img/<k>.png`, each its own bytes); every other path is a 404. It counts
 * hits per path, and can hold pages back (`pageDelayMs`) so that a batch stays busy for a while.
 */
export interface BatchSite {
  baseUrl: string;
  pageUrl(n: number): string;
  /** The paths of the two images of page n. */
  imagesOf(n: number): string[];
  imageBytes(path: string): Buffer;
  hits(path: string): number;
  close(): Promise<void>;
}

export function imagePathsOf(n: number): string[] {
  return [`/b/img/${n % SHARED_IMAGES}.png`, `/b/img/${(n * 7 + 3) % SHARED_IMAGES}.png`].filter((path, i, all) => all.indexOf(path) === i);
}

const images = new Map(Array.from({ length: SHARED_IMAGES }, (_, k) => [`/b/img/${k}.png`, solidPng(k + 1, 2 + k)]));

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function startBatchSite(options: { pageDelayMs?: number } = {}): Promise<BatchSite> {
  const hits = new Map<string, number>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const image = images.get(path);
    if (image) {
      response.writeHead(200, { 'content-type': 'image/png', 'content-length': image.length }).end(image);
      return;
    }
    const page = /^\/b\/p(\d+)\.html$/.exec(path);
    if (!page) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const n = Number(page[1]);
    const body = `<!doctype html><html><head><meta charset="utf-8"><title>Page ${n}</title></head><body><main><h1>Page ${n}</h1>`
      + `<p>This is the text of batch page number ${n}, long enough to be kept as the main content of the page.</p>`
      + imagePathsOf(n).map((src) => `<img src="${src}" alt="image ${src}">`).join('')
      + '</main></body></html>';
    const send = () => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    if (options.pageDelayMs) setTimeout(send, options.pageDelayMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    pageUrl: (n) => `${baseUrl}/b/p${n}.html`,
    imagesOf: imagePathsOf,
    imageBytes: (path) => images.get(path)!,
    hits: (path) => hits.get(path) ?? 0,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
