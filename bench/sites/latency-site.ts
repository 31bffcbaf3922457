import { benchPngs } from './png-cache';
import { startLoopbackSite, type LoopbackSite } from './loopback-server';

/**
 * ~50 KB article pages (`/article/<n>`) of `images` images each (the latency figure of issue 9). Page n has
 * images of its own (`/img/<n·images + i>.png`): trawl reuses an image it stored before by URL, and each
 * task here should download its images, as for a page it has never seen.
 */
export async function startLatencySite(images: number): Promise<LoopbackSite & { pageUrl: (n: number) => string; pages: number }> {
  const pngs = await benchPngs(2000);
  const paragraph = '<p>' + 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. '.repeat(10) + '</p>\n';
  const body = paragraph.repeat(Math.ceil(50_000 / paragraph.length));
  const pages = Math.floor(pngs.length / images);
  const page = (n: number) => {
    const imgs = Array.from({ length: images }, (_, i) => `<figure><img src="/img/${n * images + i}.png" alt="figure ${i}"></figure>`).join('\n');
    return Buffer.from(`<!doctype html><html><head><title>Article ${n}</title></head><body><article><h1>Article ${n}</h1>\n${imgs}\n${body}</article></body></html>`);
  };
  const site = await startLoopbackSite((path) => {
    const article = /^\/article\/(\d+)$/.exec(path);
    if (article && Number(article[1]) < pages) return { body: page(Number(article[1])), type: 'text/html; charset=utf-8' };
    const image = /^\/img\/(\d+)\.png$/.exec(path);
    return image && Number(image[1]) < pngs.length ? { body: pngs[Number(image[1])], type: 'image/png' } : null;
  });
  return { ...site, pages, pageUrl: (n) => `${site.baseUrl}/article/${n}` };
}
