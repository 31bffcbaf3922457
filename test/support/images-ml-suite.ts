import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { FIGURES, startImagesMlSite, type ImagesMlSite } from './images-ml-site';
import type { TrawlDeployment } from './trawl-deployment';

interface ListedImage {
  id: string;
  sourceUrl: string;
  status: string;
  sha256: string | null;
  error: { code: string; message: string } | null;
  via: string | null;
  context: Record<string, unknown> | null;
  perceptualHash: string | null;
  nearDuplicateOf: string | null;
  url: string | null;
}

/** Files in the file blob store (null when the deployment keeps its blobs elsewhere). */
async function blobFiles(trawl: TrawlDeployment): Promise<number | null> {
  if (trawl.env.TRAWL_BLOB_STORE && trawl.env.TRAWL_BLOB_STORE !== 'file') return null;
  try {
    const entries = await readdir(join(trawl.env.TRAWL_DATA_DIR, 'blobs'), { recursive: true, withFileTypes: true });
    return entries.filter((entry) => entry.isFile() && !entry.parentPath.includes('.tmp')).length;
  } catch {
    return null;
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Issue 11 as a user sees it, in one deployment: a task on an image URL, uploads in each form then a
 * thumbnail, image–text pairs, near-duplicates, and opt-outs honoured before a body is read.
 */
export function describeImagesForMl(mode: string, start: () => Promise<TrawlDeployment>): void {
  describe(`e2e: images for machine learning [${mode}]`, () => {
    let site: ImagesMlSite;
    let trawl: TrawlDeployment;

    beforeAll(async () => {
      site = await startImagesMlSite();
      trawl = await start();
    });
    afterAll(async () => {
      await trawl?.stop();
      await site?.close();
    });

    const run = async (url: string) => {
      const { task } = await trawl.client.createTask({ url, collect: ['text', 'images'] });
      return trawl.client.waitForFinal(task.id);
    };
    const listing = async (taskId: string, query = '') => {
      const response = await trawl.client.request(`/api/v1/tasks/${taskId}/images?limit=500${query}`);
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: ListedImage[] }).items;
    };

    it('collects the one image a task URL answers with, instead of failing not-html', async () => {
      const task = await run(`${site.baseUrl}/img/shapes.jpg`);
      expect(task).toMatchObject({ status: 'completed', progress: { imagesFound: 1, imagesStored: 1, imagesFailed: 0 } });
      const [image] = await listing(task.id);
      expect(image).toMatchObject({ status: 'stored', sourceUrl: `${site.baseUrl}/img/shapes.jpg`, sha256: sha256(site.photo('shapes.jpg')), via: 'task-url' });
      expect(sha256((await trawl.client.download(image.url!)).bytes)).toBe(sha256(site.photo('shapes.jpg')));
    });

    it('stores an upload in each of the three forms, then serves a thumbnail of it', async () => {
      const photo = await sharp(site.photo('sun.jpg')).png().toBuffer();
      const form = new FormData();
      form.append('image', new Blob([new Uint8Array(photo)], { type: 'image/png' }), 'sun.png');
      const uploads = [
        { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ imageData: photo.toString('base64') }) },
        { headers: { 'content-type': 'image/png' }, body: new Uint8Array(photo) },
        { body: form },
      ];
      const ids: string[] = [];
      for (const init of uploads) {
        const response = await trawl.client.request('/api/v1/images', { method: 'POST', ...init });
        expect([200, 201]).toContain(response.status);
        const body = (await response.json()) as { id: string; sha256: string };
        expect(body.sha256).toBe(sha256(photo));
        ids.push(body.id);
      }
      // Content-addressed: the same bytes are one upload whichever form they came in.
      expect(new Set(ids).size).toBe(1);
      const { response, bytes } = await trawl.client.download(`/api/v1/images/${ids[0]}?width=64&format=webp`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/webp');
      expect(await sharp(bytes).metadata()).toMatchObject({ format: 'webp', width: 64, height: 48 });
    });

    it('serves each image of a page with its image–text pair, exactly as the page gives it', async () => {
      const task = await run(`${site.baseUrl}/figures`);
      expect(task).toMatchObject({ status: 'completed', progress: { imagesStored: 2 } });
      const images = await listing(task.id);
      expect(images.map((image) => [image.sourceUrl, image.via])).toEqual([[`${site.baseUrl}/img/hills.jpg`, 'img-src'], [`${site.baseUrl}/img/sun.jpg`, 'img-src']]);
      expect(images[0].context).toEqual({ ...FIGURES.hills, nearbyText: expect.stringContaining('ring of green hills') });
      expect(images[1].context).toEqual({ ...FIGURES.sun, nearbyText: expect.stringContaining('sun stands high over the plain') });
    });

    it('makes the thumbnails a task asks for as each image is stored, in the format asked for, and serves them from the store', async () => {
      const thumbnails = [64, { width: 64, format: 'webp' }, { width: 48, format: 'webp', quality: 60 }];
      const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/figures?thumbnails=1`, collect: ['images'], thumbnails });
      expect(await trawl.client.waitForFinal(task.id)).toMatchObject({ status: 'completed', progress: { imagesStored: 2 } });
      const images = (await listing(task.id)) as Array<ListedImage & { thumbnails: Array<{ width: number; sha256: string; contentType: string; url: string }> }>;
      for (const image of images) {
        // A plain width keeps the source's format (JPEG here); the others are the WebP they asked for.
        expect(image.thumbnails).toEqual([
          expect.objectContaining({ width: 64, contentType: 'image/jpeg', url: expect.stringMatching(/\?width=64&format=jpeg&quality=80$/) }),
          expect.objectContaining({ width: 64, contentType: 'image/webp', quality: 80, url: expect.stringMatching(/\?width=64&format=webp&quality=80$/) }),
          expect.objectContaining({ width: 48, contentType: 'image/webp', quality: 60, url: expect.stringMatching(/\?width=48&format=webp&quality=60$/) }),
        ]);
        for (const thumbnail of image.thumbnails) {
          const blobsBefore = await blobFiles(trawl);
          const { response, bytes } = await trawl.client.download(thumbnail.url);
          expect(response.status).toBe(200);
          expect(response.headers.get('content-type')).toBe(thumbnail.contentType);
          expect(sha256(bytes)).toBe(thumbnail.sha256);
          expect(await sharp(bytes).metadata()).toMatchObject({ format: thumbnail.contentType.slice('image/'.length), width: thumbnail.width });
          // Served from the store: the GET rendered and wrote nothing new (file blobs are counted where there are some).
          expect(await blobFiles(trawl)).toBe(blobsBefore);
        }
      }
    });

    it('flags a re-encoded copy as a near-duplicate of the first, not a different photo, and can leave it out', async () => {
      const task = await run(`${site.baseUrl}/near-duplicates`);
      expect(task).toMatchObject({ status: 'completed', progress: { imagesStored: 3 } });
      const [hills, stripes, copy] = await listing(task.id);
      for (const image of [hills, stripes, copy]) expect(image.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
      expect(copy.sha256).not.toBe(hills.sha256);
      expect([hills.nearDuplicateOf, stripes.nearDuplicateOf, copy.nearDuplicateOf]).toEqual([null, null, hills.id]);
      expect((await listing(task.id, '&nearDuplicates=exclude')).map((image) => image.id)).toEqual([hills.id, stripes.id]);
    });

    it("flags near-duplicates across a batch's results: the same photo and its re-encoded copy on a later page point to the first", async () => {
      const created = await trawl.client.request('/api/v1/batches', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ urls: [`${site.baseUrl}/figures?batch=1`, `${site.baseUrl}/near-duplicates?batch=1`], collect: ['images'] }),
      });
      expect(created.status).toBe(202);
      const { id } = (await created.json()) as { id: string };
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const batch = (await (await trawl.client.request(`/api/v1/batches/${id}`)).json()) as { status: string };
        if (batch.status === 'completed') break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      type Result = { taskId: string; images: Array<{ id: string; sourceUrl: string; nearDuplicateOf?: { taskId: string; imageId: string } | null }> };
      const results = async (query: string) => {
        const response = await trawl.client.request(`/api/v1/batches/${id}/results?format=json${query}`);
        expect(response.status).toBe(200);
        return ((await response.json()) as { items: Result[] }).items;
      };
      const [figures, nearDuplicates] = await results('&nearDuplicates=flag');
      const hills = figures.images.find((image) => image.sourceUrl.endsWith('/img/hills.jpg'))!;
      expect(figures.images.map((image) => image.nearDuplicateOf)).toEqual([null, null]);
      const flags = Object.fromEntries(nearDuplicates.images.map((image) => [image.sourceUrl.split('/').pop(), image.nearDuplicateOf]));
      expect(flags).toEqual({
        'hills.jpg': { taskId: figures.taskId, imageId: hills.id },
        'stripes.jpg': null,
        'hills-copy.webp': { taskId: figures.taskId, imageId: hills.id },
      });
      // A page that starts after the first URL still judges against it; `exclude` leaves the copies out.
      const later = await trawl.client.request(`/api/v1/batches/${id}/results?format=json&cursor=1&nearDuplicates=exclude`);
      const [onlyNew] = ((await later.json()) as { items: Result[] }).items;
      expect(onlyNew.images.map((image) => image.sourceUrl.split('/').pop())).toEqual(['stripes.jpg']);
      // Without the parameter, the results are as before: no flag at all.
      expect((await results(''))[1].images.every((image) => !('nearDuplicateOf' in image))).toBe(true);
    });

    it('skips an image served with X-Robots-Tag: noimageai as opted-out without reading its body', async () => {
      const task = await run(`${site.baseUrl}/opted-out-image`);
      expect(task).toMatchObject({ status: 'completed', progress: { imagesStored: 1, imagesFailed: 1 } });
      const [optedOut, kept] = await listing(task.id);
      expect(optedOut).toMatchObject({ status: 'failed', error: { code: 'opted-out', message: expect.stringContaining('noimageai in the X-Robots-Tag response header') } });
      expect(kept).toMatchObject({ status: 'stored' });
      expect(site.hits('/img/opted-out.jpg')).toBeGreaterThanOrEqual(1);
      // Let the site's delayed body write happen if the connection were still open.
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(site.optedOutBodyBytesSent()).toBe(0);
    });

    it('downloads the opted-out image when the task says respectOptOuts: false', async () => {
      const sentBefore = site.optedOutBodyBytesSent();
      const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/opted-out-image?task=ignores`, collect: ['images'], respectOptOuts: false });
      expect(await trawl.client.waitForFinal(task.id)).toMatchObject({ status: 'completed', progress: { imagesFound: 2 } });
      // The body was asked for and sent this time; its bytes (0xff filler) are then judged as any image's.
      expect(site.optedOutBodyBytesSent()).toBeGreaterThan(sentBefore);
      const [fetched] = await listing(task.id);
      expect(fetched.error).toMatchObject({ code: 'not-an-image' });
    });

    it('skips a site that reserves TDM rights in its /.well-known/tdmrep.json', async () => {
      const task = await run(`${site.reservedBaseUrl}/article`);
      expect(task).toMatchObject({ status: 'failed', error: { code: 'opted-out', message: expect.stringContaining('tdmrep.json') } });
      expect(site.hits('reserved:/.well-known/tdmrep.json')).toBe(1);
      expect(site.hits('reserved:/img/a.jpg')).toBe(0);
    });
  });
}
