import type { ServerResponse } from 'node:http';
import type { HostileContext } from './hostile-context';
import { compressionBomb, pump, repeated } from './streaming';

const HTML = 'text/html; charset=utf-8';

/** `<title>` and one paragraph: what a hostile route serves once it stops being hostile. */
export function page(title: string, body = `<p>${title}</p>`): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

/** Page routes; returns false when the path is none of them. */
export function servePage(url: URL, res: ServerResponse, context: HostileContext): boolean {
  const path = url.pathname;
  let match: RegExpMatchArray | null;
  if (path === '/ok') {
    res.writeHead(200, { 'content-type': HTML }).end(page('ok', '<p>A page that behaves.</p>'));
  } else if (path === '/drip') {
    // Headers at once, then one byte a second, forever: only the total time limit ends it.
    res.writeHead(200, { 'content-type': HTML });
    res.write('<!doctype html><title>drip</title><p>');
    context.every(1000, res, () => res.write('.'));
  } else if (path === '/silent') {
    // Accepts the request and never answers: no status line, no headers.
    res.on('error', () => undefined);
  } else if (path === '/endless') {
    res.writeHead(200, { 'content-type': HTML });
    void pump(res, repeated(Buffer.from('<p>more and more</p>\n'.repeat(3000)), Number.POSITIVE_INFINITY));
  } else if ((match = /^\/bomb\/(gzip|br)$/.exec(path))) {
    const encoding = match[1] as 'gzip' | 'br';
    void compressionBomb(encoding, 64 * 1024 * 1024).then((bomb) =>
      res.writeHead(200, { 'content-type': HTML, 'content-encoding': encoding, 'content-length': bomb.length }).end(bomb),
    );
  } else if ((match = /^\/redirect-loop\/(a|b)$/.exec(path))) {
    res.writeHead(302, { location: match[1] === 'a' ? '/redirect-loop/b' : '/redirect-loop/a' }).end();
  } else if ((match = /^\/redirect-chain\/(\d+)$/.exec(path))) {
    // Never the same URL twice, so only the redirect count stops it.
    res.writeHead(302, { location: `/redirect-chain/${Number(match[1]) + 1}` }).end();
  } else if (path === '/redirect-to') {
    redirectTo(url, res);
  } else if (path === '/page-as-png') {
    res.writeHead(200, { 'content-type': 'image/png' }).end(page('an HTML page served as image/png'));
  } else if (path === '/reset') {
    // Headers and some of the body, a moment for the client to read them, then a TCP RST.
    res.writeHead(200, { 'content-type': HTML, 'content-length': 100_000 });
    res.write(page('reset').slice(0, 60));
    context.later(300, res, () => res.socket?.resetAndDestroy());
  } else if ((match = /^\/flap\/([\w-]+)$/.exec(path))) {
    // 503, 200, 503, 200...: per token, so each test has its own sequence.
    if (context.count(`flap:${match[1]}`) % 2 === 1) res.writeHead(503, { 'content-type': HTML }).end(page('Service Unavailable'));
    else res.writeHead(200, { 'content-type': HTML }).end(page('flapped', '<p>Up again.</p>'));
  } else if (path === '/nested') {
    const depth = Math.min(Number(url.searchParams.get('depth') ?? 100_000), 1_000_000);
    res.writeHead(200, { 'content-type': HTML });
    void pump(res, repeated(Buffer.from('<div>'.repeat(10_000)), depth * 5));
  } else if (path === '/unbalanced') {
    // Elements never closed, then end tags of an element never opened: each end tag searches the
    // whole stack of open elements, so a parser spends depth² steps. Short tags, so that a page under
    // the hostile suite's 1 MiB limit holds a deep stack: htmlparser2 alone takes ~15 s at 140,000
    // (980 KB) on a quiet 2-core machine, 1.9 s at 50,000, which a fast machine parsed within the
    // suite's 3 s parse limit.
    const depth = Math.min(Number(url.searchParams.get('depth') ?? 140_000), 200_000);
    res.writeHead(200, { 'content-type': HTML }).end('<b>'.repeat(depth) + '</i>'.repeat(depth));
  } else if (path === '/many-images') {
    manyImages(Math.min(Number(url.searchParams.get('count') ?? 10_000), 100_000), res);
  } else if (path === '/with-images') {
    const images = url.searchParams.getAll('img').map((src) => `<img src="${encodeURI(src)}" alt="">`);
    res.writeHead(200, { 'content-type': HTML }).end(page('with images', images.join('\n')));
  } else {
    return false;
  }
  return true;
}

/** `/redirect-to?url=`: a redirect to another loopback server only (tests never leave this machine). */
function redirectTo(url: URL, res: ServerResponse): void {
  const target = url.searchParams.get('url') ?? '';
  let host = '';
  try {
    host = new URL(target).hostname;
  } catch {
    // not a URL: refused below
  }
  if (!/^127\.\d+\.\d+\.\d+$/.test(host) && host !== 'localhost') {
    res.writeHead(400).end('url must be a loopback http URL');
    return;
  }
  res.writeHead(302, { location: target }).end();
}

/** A page of `count` distinct tiny images, written as it is generated. */
function manyImages(count: number, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': HTML });
  let next = 0;
  void pump(res, () => {
    if (next > count) return null;
    if (next === 0) {
      next = 1;
      return Buffer.from(`<!doctype html><html><head><title>${count} images</title></head><body>\n`);
    }
    const lines: string[] = [];
    for (; next <= count && lines.length < 500; next += 1) lines.push(`<img src="/tiny/${next}.png" alt="${next}">`);
    if (next > count) lines.push('</body></html>');
    return Buffer.from(lines.join('\n'));
  });
}
