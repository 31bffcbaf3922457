import { startFixtureSite, type FixtureSite } from '../support/fixture-site';
import { startEmbeddedTrawl, type TrawlDeployment } from '../support/trawl-deployment';

const SLOW_IMAGES = 30;

/**
 * Embedded mode, killed with SIGKILL while tasks run, then started again on the same data directory:
 * every accepted task reaches a final status, and nothing is duplicated.
 */
describe('e2e: restart [embedded]', () => {
  let site: FixtureSite;
  let trawl: TrawlDeployment;

  beforeAll(async () => {
    site = await startFixtureSite();
    trawl = await startEmbeddedTrawl();
  });
  afterAll(async () => {
    await trawl?.stop();
    await site?.close();
  });

  it('resumes every unfinished task after SIGKILL, without duplicates', async () => {
    const slow = await trawl.client.createTask({ url: `${site.baseUrl}/many-slow-images?count=${SLOW_IMAGES}&ms=1000` });
    const plain = await trawl.client.createTask({ url: `${site.baseUrl}/pages/plain-article.html` });
    const deadline = Date.now() + 30_000;
    while (site.hits('/slow-image/1.png') === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await trawl.client.getTask(slow.task.id)).status).not.toBe('completed');

    await trawl.processes.get('trawl')!.kill();
    await trawl.start('trawl');

    for (const id of [slow.task.id, plain.task.id]) {
      const done = await trawl.client.waitForFinal(id, 120_000);
      expect(done.status).toBe('completed');
      const events = await trawl.client.events(id);
      expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
      expect(events.filter((event) => event.type === 'TaskCompleted')).toHaveLength(1);
    }
    const images = await trawl.client.images(slow.task.id);
    expect(images).toHaveLength(SLOW_IMAGES);
    expect(images.every((image) => image.status === 'stored')).toBe(true);
    expect(new Set(images.map((image) => image.id)).size).toBe(SLOW_IMAGES);
    const outcomes = (await trawl.client.events(slow.task.id)).filter((event) => event.type === 'ImageStored');
    expect(outcomes).toHaveLength(SLOW_IMAGES);
    // Completed resources stay downloadable after the restart.
    const { response } = await trawl.client.download(images[0].url!);
    expect(response.status).toBe(200);
    expect(await trawl.client.text(plain.task.id)).toContain('Herring & the North Sea');
  });
});
