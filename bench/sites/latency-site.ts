import { benchPngs } from './png-cache';
import { startLoopbackSite, type LoopbackSite } from './loopback-server';

/** A ~50 KB article page with `images` images (the latency figure of issue 9). */
export async function startLatencySite(images: number): Promise<LoopbackSite & { pageUrl: string }> {
  const pngs = (await benchPngs(2000)).slice(0, images);
  const paragraph = '<p>' + 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. '.repeat(10) + '</p>\n';
  const imgs = pngs.map((_, n) => `<figure><img src="/img/${n}.png" alt="figure ${n}"></figure>`).join('\n');
  const body = paragraph.repeat(Math.ceil(50_000 / paragraph.length));
  const page = Buffer.from(`<!doctype html><html><head><title>An article</title></head><body><article><h1>An article</h1>\n${imgs}\n${body}</article></body></html>`);
  const site = await startLoopbackSite((path) => {
    // Distinct query strings per task keep every page URL distinct; the body is the same.
    if (path.startsWith('/article')) return { body: page, type: 'text/html; charset=utf-8' };
    const image = /^\/img\/(\d+)\.png$/.exec(path);
    return image && Number(image[1]) < pngs.length ? { body: pngs[Number(image[1])], type: 'image/png' } : null;
  });
  return { ...site, pageUrl: `${site.baseUrl}/article` };
}
