import type { ServerResponse } from 'node:http';
import sharp from 'sharp';

/** Longest delay a slow image may ask for, so a typo cannot hang a test run. */
const MAX_DELAY_MS = 10 * 60_000;
const MAX_IMAGES = 100_000;

/** Dynamic routes of the fixture site; returns false when the path is none of them. */
export function serveDynamic(url: URL, res: ServerResponse, timers: Set<NodeJS.Timeout>): boolean {
  const path = url.pathname;
  let match: RegExpMatchArray | null;
  if ((match = /^\/status\/(\d{3})$/.exec(path))) {
    status(Number(match[1]), url, res);
  } else if ((match = /^\/slow-image\/(\d+)\.png$/.exec(path))) {
    slowImage(Number(match[1]), intParam(url, 'ms', 0, MAX_DELAY_MS), res, timers);
  } else if (path === '/slow-page') {
    slowPage(intParam(url, 'ms', 1000, MAX_DELAY_MS), res, timers);
  } else if (path === '/many-slow-images') {
    manySlowImages(intParam(url, 'count', 10, MAX_IMAGES), intParam(url, 'ms', 1000, MAX_DELAY_MS), res);
  } else if (path === '/redirect' || path.startsWith('/redirect/')) {
    // Any path under /redirect works, so a test can tell whether URLs resolve against the final URL.
    redirect(url, res);
  } else {
    return false;
  }
  return true;
}

/** `/status/<code>`: an HTML page with that status; `?retryAfter=<s>` adds a Retry-After header. */
function status(code: number, url: URL, res: ServerResponse): void {
  if (code < 200 || code > 599 || (code >= 300 && code < 400)) {
    res.writeHead(400).end('status must be 2xx, 4xx or 5xx');
    return;
  }
  const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
  const retryAfter = url.searchParams.get('retryAfter');
  if (retryAfter !== null) headers['retry-after'] = retryAfter;
  res.writeHead(code, headers).end(`<!doctype html><title>Status ${code}</title><p>Status ${code}</p>`);
}

/** `/slow-image/<n>.png?ms=<delay>`: a real PNG, distinct for each n, sent after the delay. */
function slowImage(n: number, delayMs: number, res: ServerResponse, timers: Set<NodeJS.Timeout>): void {
  afterDelay(delayMs, res, timers, () =>
    pngFor(n).then(
      (png) => {
        if (!res.destroyed) res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length }).end(png);
      },
      () => res.writeHead(500).end(),
    ),
  );
}

/** Runs `send` after the delay, on a timer the site's close clears; a client that gives up must not leave it behind. */
function afterDelay(delayMs: number, res: ServerResponse, timers: Set<NodeJS.Timeout>, send: () => void): void {
  const timer = setTimeout(() => {
    timers.delete(timer);
    send();
  }, delayMs);
  timers.add(timer);
  res.on('close', () => {
    clearTimeout(timer);
    timers.delete(timer);
  });
}

const pngs = new Map<number, Promise<Buffer>>();

/** A 2x2 PNG whose colour encodes n, so each n has its own bytes (and blob hash). */
function pngFor(n: number): Promise<Buffer> {
  let png = pngs.get(n);
  if (png === undefined) {
    const background = { r: n & 0xff, g: (n >> 8) & 0xff, b: (n >> 16) & 0xff };
    png = sharp({ create: { width: 2, height: 2, channels: 3, background } }).png().toBuffer();
    pngs.set(n, png);
  }
  return png;
}

/** `/slow-page?ms=<delay>`: a small HTML page, sent after the delay. */
function slowPage(delayMs: number, res: ServerResponse, timers: Set<NodeJS.Timeout>): void {
  afterDelay(delayMs, res, timers, () => {
    const html = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>A slow page</title></head>\n<body><p>Sent after ${delayMs} ms.</p></body></html>\n`;
    if (!res.destroyed) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
}

/** `/many-slow-images?count=N&ms=D`: a page of N slow images. */
function manySlowImages(count: number, delayMs: number, res: ServerResponse): void {
  const images = Array.from({ length: count }, (_, i) => `<img src="/slow-image/${i + 1}.png?ms=${delayMs}" alt="slow ${i + 1}">`);
  const html = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${count} slow images</title></head>\n<body><p>${count} images, each served after ${delayMs} ms.</p>\n${images.join('\n')}\n</body></html>\n`;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
}

/** `/redirect?to=<path>[&status=301|302|303|307|308]`: only to a path on this server. */
function redirect(url: URL, res: ServerResponse): void {
  const to = url.searchParams.get('to');
  const code = Number(url.searchParams.get('status') ?? 302);
  if (to === null || !to.startsWith('/') || to.startsWith('//') || to.includes('\\') || ![301, 302, 303, 307, 308].includes(code)) {
    res.writeHead(400).end('to must be a path on this server, status a redirect code');
    return;
  }
  res.writeHead(code, { location: to }).end();
}

function intParam(url: URL, name: string, fallback: number, max: number): number {
  const value = Number(url.searchParams.get(name) ?? fallback);
  return Number.isInteger(value) && value >= 0 ? Math.min(value, max) : fallback;
}
