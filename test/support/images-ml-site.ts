import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { syntheticPhoto } from '../../libs/imaging/src/testing/synthetic-photos';

/** The alt texts, captions and headings of `/figures`, as the pairs must come back. */
export const FIGURES = {
  hills: { alt: 'Green hills at dusk', caption: 'The hills above the valley, in late spring.', heading: 'Mountains' },
  sun: { alt: 'A bright sun over a dark plain', title: 'Midday', heading: 'Sky', width: 320, height: 240 },
} as const;

/** The X-Robots-Tag opt-out image's body: large enough that a read of it could not hide in a socket buffer. */
const OPTED_OUT_BODY_BYTES = 4 * 1024 * 1024;

/**
 * A loopback site for the image-for-ML tests: photos (`/img/*.jpg`, a re-encoded copy of one as
 * WebP), a page of figures with captions and alt texts, a page whose images are near-duplicates or
 * not, and a page with an image served with `X-Robots-Tag: noimageai` whose body is sent only if
 * the client is still there 500 ms after the headers (it counts the body bytes it sent). A second
 * origin (`reservedBaseUrl`) reserves TDM rights for everything in its `/.well-known/tdmrep.json`.
 */
export interface ImagesMlSite {
  baseUrl: string;
  reservedBaseUrl: string;
  photo(name: string): Buffer;
  /** Body bytes the site wrote for the opted-out image, over all its requests. */
  optedOutBodyBytesSent(): number;
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startImagesMlSite(): Promise<ImagesMlSite> {
  const hills = await syntheticPhoto('hills');
  const photos = new Map<string, Buffer>([
    ['/img/hills.jpg', hills],
    ['/img/hills-copy.webp', await sharp(hills).webp({ quality: 60 }).toBuffer()],
    ['/img/sun.jpg', await syntheticPhoto('sun')],
    ['/img/stripes.jpg', await syntheticPhoto('stripes')],
    ['/img/shapes.jpg', await syntheticPhoto('shapes')],
  ]);
  const hits = new Map<string, number>();
  let optedOutBytes = 0;
  const html = (response: ServerResponse, body: string) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  const main = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const photo = photos.get(path);
    if (photo) return void response.writeHead(200, { 'content-type': path.endsWith('.webp') ? 'image/webp' : 'image/jpeg', 'content-length': photo.length }).end(photo);
    if (path === '/figures') return html(response, figuresPage());
    if (path === '/near-duplicates') return html(response, imagesPage(['/img/hills.jpg', '/img/stripes.jpg', '/img/hills-copy.webp']));
    if (path === '/opted-out-image') return html(response, imagesPage(['/img/opted-out.jpg', '/img/shapes.jpg']));
    if (path === '/img/opted-out.jpg') {
      response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': OPTED_OUT_BODY_BYTES, 'x-robots-tag': 'noimageai' });
      response.flushHeaders();
      setTimeout(() => {
        if (response.destroyed || response.socket?.destroyed) return;
        const body = Buffer.alloc(OPTED_OUT_BODY_BYTES, 0xff);
        optedOutBytes += body.length;
        response.end(body);
      }, 500);
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  const reserved = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    hits.set(`reserved:${path}`, (hits.get(`reserved:${path}`) ?? 0) + 1);
    if (path === '/.well-known/tdmrep.json') return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([{ location: '/', 'tdm-reservation': 1 }]));
    if (path === '/article') return html(response, imagesPage(['/img/a.jpg']));
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  const [baseUrl, reservedBaseUrl] = await Promise.all([listen(main), listen(reserved)]);
  return {
    baseUrl,
    reservedBaseUrl,
    photo: (name) => photos.get(`/img/${name}`)!,
    optedOutBodyBytesSent: () => optedOutBytes,
    hits: (path) => hits.get(path) ?? 0,
    close: async () => {
      await Promise.all([main, reserved].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}

function figuresPage(): string {
  const { hills, sun } = FIGURES;
  return `<!doctype html><html><head><title>Figures</title></head><body>
<h1>${hills.heading}</h1>
<p>The valley lies below a ring of green hills.</p>
<figure><img src="/img/hills.jpg" alt="${hills.alt}"><figcaption>${hills.caption}</figcaption></figure>
<h2>${sun.heading}</h2>
<p>At noon the sun stands high over the plain.</p>
<img src="/img/sun.jpg" alt="${sun.alt}" title="${sun.title}" width="${sun.width}" height="${sun.height}">
</body></html>`;
}

function imagesPage(paths: string[]): string {
  return `<!doctype html><html><head><title>Images</title></head><body>${paths.map((path) => `<p><img src="${path}"></p>`).join('')}</body></html>`;
}

async function listen(server: Server): Promise<string> {
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
