import { benchPngs } from './png-cache';
import { startLoopbackSite, type LoopbackSite } from './loopback-server';

export interface ImageSite extends LoopbackSite {
  /** The pages trawl is given, each referencing `perPage` images. */
  pageUrls: string[];
  /** Every image URL, in page order: the list img2dataset is given. */
  imageUrls: string[];
  averageImageBytes: number;
}

/**
 * The image workload: `pages` HTML pages (`/gallery/<p>.html`) of `perPage` `<img>` each, every image a
 * distinct PNG (`/img/<n>.png`). With `delayMs`, every response waits that long first (a latency-bound site).
 */
export async function startImageSite(options: { pages: number; perPage: number; delayMs?: number }): Promise<ImageSite> {
  const { pages, perPage } = options;
  const pngs = await benchPngs(pages * perPage);
  const galleries = Array.from({ length: pages }, (_, p) => {
    const imgs = Array.from({ length: perPage }, (_, i) => `<img src="/img/${p * perPage + i}.png" alt="picture ${p * perPage + i}">`);
    return Buffer.from(`<!doctype html><html><head><title>Gallery ${p}</title></head><body><h1>Gallery ${p}</h1>\n${imgs.join('\n')}\n</body></html>`);
  });
  const site = await startLoopbackSite(
    (path) => {
      const page = /^\/gallery\/(\d+)\.html$/.exec(path);
      if (page && Number(page[1]) < pages) return { body: galleries[Number(page[1])], type: 'text/html; charset=utf-8' };
      const image = /^\/img\/(\d+)\.png$/.exec(path);
      if (image && Number(image[1]) < pngs.length) return { body: pngs[Number(image[1])], type: 'image/png' };
      return null;
    },
    { delayMs: options.delayMs },
  );
  return {
    ...site,
    pageUrls: galleries.map((_, p) => `${site.baseUrl}/gallery/${p}.html`),
    imageUrls: pngs.map((_, n) => `${site.baseUrl}/img/${n}.png`),
    averageImageBytes: pngs.reduce((sum, png) => sum + png.length, 0) / pngs.length,
  };
}
