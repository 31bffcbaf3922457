import type { ServerResponse } from 'node:http';
import type { HostileContext } from './hostile-context';
import { page } from './hostile-pages';
import { PNG_END, fillerChunk, hugeDeclaredPng, pngStart, solidPng } from './png-bytes';
import { compressionBomb, pump, repeated } from './streaming';

const PNG = 'image/png';
/** A whole 64x64 PNG: cutting its last bytes leaves the header valid and the image data short. */
const PATTERNED = Buffer.concat([pngStart(64, 64, [200, 30, 90]), PNG_END]);

/** Image routes; returns false when the path is none of them. */
export function serveImage(url: URL, res: ServerResponse, context: HostileContext): boolean {
  const path = url.pathname;
  let match: RegExpMatchArray | null;
  if ((match = /^\/tiny\/(\d+)\.png$/.exec(path))) {
    const png = solidPng(Number(match[1]));
    res.writeHead(200, { 'content-type': PNG, 'content-length': png.length }).end(png);
  } else if (path === '/image/good.png') {
    res.writeHead(200, { 'content-type': PNG, 'content-length': PATTERNED.length }).end(PATTERNED);
  } else if (path === '/image/html.png') {
    res.writeHead(200, { 'content-type': PNG }).end(page('Not found', '<p>This "image" is an HTML page.</p>'));
  } else if (path === '/image/truncated.png') {
    // The HTTP exchange is complete (Content-Length matches): only the image itself is cut short.
    const cut = PATTERNED.subarray(0, PATTERNED.length - 40);
    res.writeHead(200, { 'content-type': PNG, 'content-length': cut.length }).end(cut);
  } else if (path === '/image/huge-dimensions.png') {
    const bomb = hugeDeclaredPng(100_000, 100_000);
    res.writeHead(200, { 'content-type': PNG, 'content-length': bomb.length }).end(bomb);
  } else if (path === '/image/endless.png') {
    res.writeHead(200, { 'content-type': PNG });
    const start = pngStart(8, 8, [0, 0, 0]);
    const filler = repeated(fillerChunk(64 * 1024), Number.POSITIVE_INFINITY);
    let first = true;
    void pump(res, () => (first ? ((first = false), start) : filler()));
  } else if (path === '/image/big.png') {
    bigImage(Number(url.searchParams.get('bytes') ?? 1024 ** 3), res);
  } else if (path === '/image/gzip-bomb.png') {
    // A real PNG start, then filler chunks: it probes as an image, and inflates past any image limit.
    const content = { name: 'png', prefix: pngStart(8, 8, [0, 0, 0]), unit: fillerChunk(1024 * 1024) };
    void compressionBomb('gzip', 64 * 1024 * 1024, content).then((bomb) =>
      res.writeHead(200, { 'content-type': PNG, 'content-encoding': 'gzip', 'content-length': bomb.length }).end(bomb),
    );
  } else if (path === '/image/drip.png') {
    res.writeHead(200, { 'content-type': PNG });
    res.write(PATTERNED.subarray(0, 100));
    let at = 100;
    context.every(1000, res, () => at < PATTERNED.length && res.write(PATTERNED.subarray(at, ++at)));
  } else if (path === '/image/reset.png') {
    res.writeHead(200, { 'content-type': PNG, 'content-length': PATTERNED.length });
    res.write(PATTERNED.subarray(0, 60));
    context.later(300, res, () => res.socket?.resetAndDestroy());
  } else if ((match = /^\/image\/flap\/([\w-]+)\.png$/.exec(path))) {
    if (context.count(`flap-image:${match[1]}`) % 2 === 1) res.writeHead(503).end();
    else res.writeHead(200, { 'content-type': PNG, 'content-length': PATTERNED.length }).end(PATTERNED);
  } else {
    return false;
  }
  return true;
}

/**
 * `/image/big.png?bytes=N`: a valid 64x64 PNG of about N bytes, streamed without Content-Length.
 * Its bulk is private ancillary chunks after the image data, which decoders skip: the file is
 * huge, its pixels are few, and it ends with a proper IEND.
 */
function bigImage(total: number, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': PNG });
  const start = pngStart(64, 64, [10, 200, 10]);
  const chunk = fillerChunk(1024 * 1024);
  const fillers = Math.max(0, Math.floor((total - start.length - PNG_END.length) / chunk.length));
  let sent = -1;
  void pump(res, () => {
    sent += 1;
    if (sent === 0) return start;
    if (sent <= fillers) return chunk;
    return sent === fillers + 1 ? PNG_END : null;
  });
}
