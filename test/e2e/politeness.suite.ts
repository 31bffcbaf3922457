import { randomUUID } from 'node:crypto';
import { startFixtureSite, type FixtureSite } from '../support/fixture-site';
import type { TrawlDeployment } from '../support/trawl-deployment';
import { startRobotsSite, type RobotsSite } from './robots-site';

/** What the suite's deployments must be started with: few requests per host, spaced out. */
export const POLITENESS_ENV = { TRAWL_HOST_CONCURRENCY: '2', TRAWL_HOST_DELAY_MS: '150' };

const gaps = (times: number[]) => times.slice(1).map((at, i) => at - times[i]);

/**
 * A good citizen's manners, seen from the sites: robots.txt honoured for pages and images unless the
 * task opts out, at most TRAWL_HOST_CONCURRENCY requests to a host at once with starts spaced by
 * TRAWL_HOST_DELAY_MS, and a 503's Retry-After waited for. `start` must pass POLITENESS_ENV.
 */
export function describePoliteness(mode: string, start: () => Promise<TrawlDeployment>): void {
  describe(`e2e: politeness [${mode}]`, () => {
    let site: FixtureSite;
    let robotsSite: RobotsSite;
    let trawl: TrawlDeployment;

    beforeAll(async () => {
      site = await startFixtureSite();
      robotsSite = await startRobotsSite();
      trawl = await start();
    });
    afterAll(async () => {
      await trawl?.stop();
      await robotsSite?.close();
      await site?.close();
    });

    it('fails a page that robots.txt disallows with blocked-by-robots, without requesting it', async () => {
      const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/private/secret.html`, collect: ['text'] });
      expect(task.respectRobots).toBe(true);
      const done = await trawl.client.waitForFinal(task.id);
      expect(done).toMatchObject({ status: 'failed', respectRobots: true, error: { code: 'blocked-by-robots' } });
      expect(site.hits('/robots.txt')).toBeGreaterThanOrEqual(1);
      expect(site.hits('/private/secret.html')).toBe(0);
    });

    it('collects the same page for a task that opts out of robots.txt', async () => {
      const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/private/secret.html`, collect: ['text'], respectRobots: false });
      expect(task.respectRobots).toBe(false);
      const done = await trawl.client.waitForFinal(task.id);
      expect(done).toMatchObject({ status: 'completed', respectRobots: false, error: null });
      expect(site.hits('/private/secret.html')).toBe(1);
    });

    it('fails the images robots.txt disallows with blocked-by-robots and stores the others, unless opted out', async () => {
      const polite = (await trawl.client.createTask({ url: `${robotsSite.baseUrl}/page.html`, collect: ['images'] })).task;
      expect(await trawl.client.waitForFinal(polite.id)).toMatchObject({ status: 'completed', progress: { imagesFound: 2, imagesStored: 1, imagesFailed: 1 } });
      const images = await trawl.client.images(polite.id);
      const byPath = (path: string) => images.find((image) => new URL(image.sourceUrl).pathname === path);
      expect(byPath('/blocked/a.png')).toMatchObject({ status: 'failed', error: { code: 'blocked-by-robots' } });
      expect(byPath('/open/b.png')).toMatchObject({ status: 'stored' });
      expect(robotsSite.hits('/blocked/a.png')).toBe(0);

      const bold = (await trawl.client.createTask({ url: `${robotsSite.baseUrl}/page.html`, collect: ['images'], respectRobots: false })).task;
      expect(await trawl.client.waitForFinal(bold.id)).toMatchObject({ status: 'completed', progress: { imagesStored: 2, imagesFailed: 0 } });
      expect(robotsSite.hits('/blocked/a.png')).toBe(1);
    });

    it('never has more than TRAWL_HOST_CONCURRENCY requests open to one host', async () => {
      site.slowImages.reset();
      const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/many-slow-images?count=6&ms=600`, collect: ['images'] });
      expect(await trawl.client.waitForFinal(task.id)).toMatchObject({ status: 'completed', progress: { imagesStored: 6 } });
      // Unlimited, all six would be open at once: they are found together and each takes 600 ms.
      expect(site.slowImages.peak).toBeLessThanOrEqual(2);
      expect(site.slowImages.peak).toBeGreaterThanOrEqual(1);
    });

    it('spaces the starts of requests to one host by TRAWL_HOST_DELAY_MS', async () => {
      const since = Date.now();
      const count = 8;
      const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/many-slow-images?count=${count}&ms=0`, collect: ['images'] });
      expect(await trawl.client.waitForFinal(task.id)).toMatchObject({ status: 'completed', progress: { imagesStored: count } });
      const starts = Array.from({ length: count }, (_, i) => site.hitTimes(`/slow-image/${i + 1}.png`).filter((at) => at >= since))
        .flat()
        .sort((a, b) => a - b);
      expect(starts).toHaveLength(count);
      // Instant images: only the 150 ms delay keeps the starts apart, so they span at least 7 x 150 ms
      // at the fetcher. Seen from the site, a late first arrival (a busy machine) may shorten the span.
      expect(starts[count - 1] - starts[0]).toBeGreaterThanOrEqual(700);
    });

    it('waits out Retry-After between attempts at a page answering 503 twice', async () => {
      const path = `/flaky/${randomUUID()}`;
      const { task } = await trawl.client.createTask({ url: `${site.baseUrl}${path}?failures=2&retryAfter=1`, collect: ['text'] });
      expect(await trawl.client.waitForFinal(task.id)).toMatchObject({ status: 'completed', error: null });
      const attempts = site.hitTimes(path);
      expect(attempts).toHaveLength(3);
      // The back-off alone (200 ms, then 400 ms at most) would be much shorter than the 1 s asked for.
      for (const gap of gaps(attempts)) expect(gap).toBeGreaterThanOrEqual(990);
    });
  });
}
