import { startFixtureSite, type FixtureSite } from '../support/fixture-site';
import { CHARSET_TEXT, startHostileSite, type HostileSite } from '../support/hostile-site';
import type { TaskBody } from '../support/trawl-client';
import type { TrawlDeployment } from '../support/trawl-deployment';
import { describeSsrfRefusals } from './hostile-ssrf.suite';
import { HOSTILE_LIMITS, expectHealthy, type StartTrawl } from './hostile-limits';

type PageCase = [path: string, expectation: (task: TaskBody, trawl: TrawlDeployment) => Promise<void> | void];

const failsWith = (code: string) => (task: TaskBody) => {
  expect(task).toMatchObject({ status: 'failed', error: { code } });
};
const completesWithText = (snippet: string) => async (task: TaskBody, trawl: TrawlDeployment) => {
  expect(task).toMatchObject({ status: 'completed', error: null });
  expect(await trawl.client.text(task.id)).toContain(snippet);
};

/**
 * Hostile servers against trawl: each fixture of the hostile site ends its task or image in a clean,
 * specific outcome within its limit, and the fetcher stays healthy (a normal page of the fixture site
 * completes quickly afterwards). Limits are tight (HOSTILE_LIMITS) so the suite stays fast; run
 * against every mode, like the lifecycle suite.
 */
export function describeHostileServers(mode: string, start: StartTrawl): void {
  describe(`e2e: hostile servers [${mode}]`, () => {
    let hostile: HostileSite;
    let site: FixtureSite;
    let trawl: TrawlDeployment;

    beforeAll(async () => {
      [hostile, site] = await Promise.all([startHostileSite(), startFixtureSite()]);
      trawl = await start(HOSTILE_LIMITS);
    });
    afterAll(async () => {
      await trawl?.stop();
      await Promise.all([hostile?.close(), site?.close()]);
    });

    const run = async (path: string, collect = ['text', 'images'], timeoutMs = 60_000) => {
      const started = Date.now();
      const { task } = await trawl.client.createTask({ url: `${hostile.baseUrl}${path}`, collect });
      return { task: await trawl.client.waitForFinal(task.id, timeoutMs), seconds: (Date.now() - started) / 1000 };
    };

    it('slow servers end by the total time limits: a drip and a silent page (page-timeout), a dripping image (image-timeout)', async () => {
      // Run together: each waits out two attempts of the 4 s limit, and they do not compete for anything.
      const [drip, silent, image] = await Promise.all([
        run('/drip'),
        run('/silent'),
        run(`/with-images?img=${encodeURIComponent('/image/drip.png')}`, ['images']),
      ]);
      for (const page of [drip, silent]) {
        expect(page.task).toMatchObject({ status: 'failed', error: { code: 'page-timeout' } });
        expect(page.seconds).toBeLessThan(30);
      }
      expect(image.task).toMatchObject({ status: 'completed', progress: { imagesFailed: 1 } });
      expect((await trawl.client.images(image.task.id))[0]).toMatchObject({ status: 'failed', error: { code: 'image-timeout' } });
      await expectHealthy(trawl, site);
    });

    const pageCases: PageCase[] = [
      ['/endless', failsWith('page-too-large')],
      ['/bomb/gzip', failsWith('page-too-large')],
      ['/bomb/br', failsWith('page-too-large')],
      ['/redirect-loop/a', failsWith('redirect-loop')],
      ['/redirect-chain/0', failsWith('too-many-redirects')],
      ['/page-as-png', failsWith('not-html')],
      ['/reset', failsWith('connection-reset')],
      ['/unbalanced?depth=140000', failsWith('parse-timeout')],
      [`/flap/${mode.replace(/\W+/g, '-')}`, completesWithText('Up again.')],
      ['/charset/meta-only', completesWithText(CHARSET_TEXT['meta-only'])],
      ['/charset/unlabelled', completesWithText(CHARSET_TEXT.unlabelled)],
      ['/charset/bogus-label', completesWithText(CHARSET_TEXT['bogus-label'])],
      ['/charset/no-content-type', completesWithText(CHARSET_TEXT['no-content-type'])],
      ['/charset/wrong', completesWithText('caf\uFFFD cr\uFFFDme')],
    ];

    it.each(pageCases)('page %s: a clean, specific outcome, and the fetcher stays healthy', async (path, expectation) => {
      const { task, seconds } = await run(path);
      await expectation(task, trawl);
      // Even retried limits end in bounded time: attempts x the page time limit, plus back-off.
      expect(seconds).toBeLessThan(30);
      await expectHealthy(trawl, site);
    });

    const imageCases: [path: string, code: string | null][] = [
      ['/image/html.png', 'not-an-image'],
      ['/image/truncated.png', 'truncated-image'],
      ['/image/huge-dimensions.png', 'image-too-many-pixels'],
      ['/image/endless.png', 'image-too-large'],
      ['/image/gzip-bomb.png', 'image-too-large'],
      ['/image/reset.png', 'connection-reset'],
      [`/image/flap/${mode.replace(/\W+/g, '-')}.png`, null],
    ];

    it.each(imageCases)('image %s: %s, beside a good image, and the task completes', async (path, code) => {
      const { task } = await run(`/with-images?img=${encodeURIComponent(path)}&img=/image/good.png`, ['images']);
      expect(task).toMatchObject({ status: 'completed', progress: { imagesFound: 2 } });
      const images = await trawl.client.images(task.id);
      const hostileImage = images.find((image) => new URL(image.sourceUrl).pathname === path);
      const good = images.find((image) => new URL(image.sourceUrl).pathname === '/image/good.png');
      expect(good).toMatchObject({ status: 'stored', width: 64, height: 64 });
      if (code === null) expect(hostileImage).toMatchObject({ status: 'stored', width: 64, height: 64 });
      else expect(hostileImage).toMatchObject({ status: 'failed', error: { code }, url: null });
      await expectHealthy(trawl, site);
    });

    it('a page with 10,000 images: the first TRAWL_MAX_IMAGES_PER_PAGE are collected, with a too-many-images warning', async () => {
      const limit = Number(HOSTILE_LIMITS.TRAWL_MAX_IMAGES_PER_PAGE);
      // Generous: the distributed projector writes each image's row to FerretDB one by one (about 10 a second on the 2-core test machine).
      const [{ task, seconds }] = await Promise.all([run('/many-images?count=10000', ['images'], 120_000), expectHealthy(trawl, site, ['text'])]);
      expect(task).toMatchObject({ status: 'completed', progress: { imagesFound: limit, imagesStored: limit, imagesFailed: 0 } });
      expect(task.warnings).toEqual([{ code: 'too-many-images', message: expect.stringContaining(`references 10000 images; only the first ${limit}`) }]);
      expect(hostile.hits('/tiny/1.png')).toBeGreaterThanOrEqual(1);
      expect(hostile.hits(`/tiny/${limit + 1}.png`)).toBe(0);
      expect(seconds).toBeLessThan(120);
      await expectHealthy(trawl, site);
    });
  });

  describeSsrfRefusals(mode, start);
}
