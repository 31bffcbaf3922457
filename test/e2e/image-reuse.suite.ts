import { startFixtureSite, type FixtureSite } from '../support/fixture-site';
import type { TrawlDeployment } from '../support/trawl-deployment';
import { slowImageHits } from '../support/wait-for';

const IMAGES = 4;
const DELAY_MS = 1500;

/**
 * Seed 000's rules, as a user sees them: an image URL is downloaded once whatever the number of tasks
 * that find it, whether they find it at the same time (the second waits for the first's download) or
 * later (linked without a request, within TRAWL_REUSE_MAX_AGE); each reused image says so.
 */
export function describeImageReuse(mode: string, start: () => Promise<TrawlDeployment>): void {
  describe(`e2e: images reused across tasks [${mode}]`, () => {
    let site: FixtureSite;
    let trawl: TrawlDeployment;

    beforeAll(async () => {
      site = await startFixtureSite();
      trawl = await start();
    });
    afterAll(async () => {
      await trawl?.stop();
      await site?.close();
    });

    it('downloads a slow image once when two tasks reach it at the same time, and both get it', async () => {
      // Two pages (distinct URLs) that reference the same slow images.
      const pages = ['', '&copy=2'].map((suffix) => `${site.baseUrl}/many-slow-images?count=${IMAGES}&ms=${DELAY_MS}${suffix}`);
      const tasks = await Promise.all(pages.map(async (url) => (await trawl.client.createTask({ url, collect: ['images'] })).task));
      const done = await Promise.all(tasks.map((task) => trawl.client.waitForFinal(task.id)));
      for (const task of done) expect(task).toMatchObject({ status: 'completed', progress: { imagesFound: IMAGES, imagesStored: IMAGES, imagesFailed: 0 } });
      expect(slowImageHits(site, IMAGES)).toBe(IMAGES);

      const [first, second] = await Promise.all(tasks.map((task) => trawl.client.images(task.id)));
      for (let n = 0; n < IMAGES; n += 1) {
        const pair = [first[n], second[n]];
        expect(pair[0].sha256).toBe(pair[1].sha256);
        // One of the two made the download; the other names it.
        const reused = pair.filter((image) => image.reusedFrom);
        expect(reused).toHaveLength(1);
        const owner = pair.find((image) => !image.reusedFrom)!;
        expect(reused[0].reusedFrom).toMatchObject({ imageId: owner.id });
      }
      for (const image of [...first, ...second]) {
        const { response, bytes } = await trawl.client.download(image.url!);
        expect(response.status).toBe(200);
        expect(bytes.length).toBe(image.bytes);
      }
    });

    it('links an image stored by an earlier task to a later one without a request', async () => {
      const before = slowImageHits(site, IMAGES);
      const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/many-slow-images?count=${IMAGES}&ms=${DELAY_MS}&copy=3`, collect: ['images'] });
      expect(await trawl.client.waitForFinal(task.id)).toMatchObject({ status: 'completed', progress: { imagesStored: IMAGES, imagesFailed: 0 } });
      expect(slowImageHits(site, IMAGES)).toBe(before);
      const images = await trawl.client.images(task.id);
      expect(images.map((image) => [image.status, Boolean(image.reusedFrom)])).toEqual(images.map(() => ['stored', true]));
    });
  });
}
