import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { solidPng } from '../../support/hostile/png-bytes';

/** Distinct images the pages share (so that reuse across tasks is exported too). */
const IMAGES = 40;
const images = new Map(Array.from({ length: IMAGES }, (_, k) => [`/c/img/${k}.png`, solidPng(k + 1, 3 + (k % 9))]));

/** The two images of page n and what the page says about each (alt, figcaption). */
export function figuresOf(n: number): { path: string; alt: string; caption: string }[] {
  return [n % IMAGES, (n * 7 + 3) % IMAGES]
    .filter((k, i, all) => all.indexOf(k) === i)
    .map((k) => ({ path: `/c/img/${k}.png`, alt: `picture ${k} on page ${n}`, caption: `Figure ${k} as page ${n} describes it` }));
}

export interface CaptionSite {
  baseUrl: string;
  pageUrl(n: number): string;
  imageBytes(path: string): Buffer;
  close(): Promise<void>;
}

/**
 * A loopback site of pages with captioned figures: `/c/p<n>.html` has a title, a paragraph and two
 * `<figure>`s (an image with alt text and a `<figcaption>`); images are PNGs shared between pages.
 */
export async function startCaptionSite(): Promise<CaptionSite> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const image = images.get(path);
    if (image) {
      response.writeHead(200, { 'content-type': 'image/png', 'content-length': image.length }).end(image);
      return;
    }
    const page = /^\/c\/p(\d+)\.html$/.exec(path);
    if (!page) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const n = Number(page[1]);
    const figures = figuresOf(n).map((figure) => `<figure><img src="${figure.path}" alt="${figure.alt}"><figcaption>${figure.caption}</figcaption></figure>`);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
      `<!doctype html><html><head><meta charset="utf-8"><title>Captioned page ${n}</title></head><body><main><h1>Captioned page ${n}</h1>`
      + `<p>This page, number ${n}, shows two figures with captions, which an export pairs with the images.</p>${figures.join('')}</main></body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    pageUrl: (n) => `${baseUrl}/c/p${n}.html`,
    imageBytes: (path) => images.get(path)!,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
