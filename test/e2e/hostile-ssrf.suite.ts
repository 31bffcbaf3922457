import { startHostileSite, type HostileSite } from '../support/hostile-site';
import type { TrawlDeployment } from '../support/trawl-deployment';
import { HOSTILE_LIMITS, type StartTrawl } from './hostile-limits';

/**
 * The private-address block, end to end: a refused fetch must not even connect. Each case has its own
 * deployment (the allow-list differs) and its own hostile site, whose connection counters are the
 * proof. TRAWL_EGRESS_ONLY stays 127.0.0.0/8 throughout, as in every test.
 */
export function describeSsrfRefusals(mode: string, start: StartTrawl): void {
  describe(`e2e: SSRF, the private-address block on [${mode}]`, () => {
    let hostile: HostileSite;
    let trawl: TrawlDeployment;
    beforeAll(async () => {
      hostile = await startHostileSite();
      trawl = await start({ ...HOSTILE_LIMITS, TRAWL_ALLOW_PRIVATE: '' });
    });
    afterAll(async () => {
      await trawl?.stop();
      await hostile?.close();
    });

    it('refuses a task for 127.0.0.1 and one for localhost, and the server sees no connection', async () => {
      const port = new URL(hostile.baseUrl).port;
      for (const url of [`http://127.0.0.1:${port}/ok`, `http://localhost:${port}/ok`]) {
        const { task } = await trawl.client.createTask({ url });
        const done = await trawl.client.waitForFinal(task.id, 30_000);
        expect(done).toMatchObject({ status: 'failed', error: { code: 'blocked-address' } });
      }
      expect(hostile.connections()).toBe(0);
      expect(hostile.second.connections()).toBe(0);
    });
  });

  describe(`e2e: SSRF, only 127.0.0.1/32 allowed [${mode}]`, () => {
    let hostile: HostileSite;
    let trawl: TrawlDeployment;
    beforeAll(async () => {
      hostile = await startHostileSite();
      trawl = await start({ ...HOSTILE_LIMITS, TRAWL_ALLOW_PRIVATE: '127.0.0.1/32' });
    });
    afterAll(async () => {
      await trawl?.stop();
      await hostile?.close();
    });

    it('refuses a redirect to 127.0.0.2, outside the allow-list, without connecting to it', async () => {
      const blocked = `${hostile.second.baseUrl}/ok`;
      const { task } = await trawl.client.createTask({ url: `${hostile.baseUrl}/redirect-to?url=${encodeURIComponent(blocked)}` });
      const done = await trawl.client.waitForFinal(task.id, 30_000);
      expect(done).toMatchObject({ status: 'failed', error: { code: 'blocked-address', message: expect.stringContaining('127.0.0.2') } });
      expect(hostile.connections()).toBeGreaterThan(0);
      expect(hostile.second.connections()).toBe(0);
    });

    it('refuses an image on 127.0.0.2 the same way, and still stores the allowed one', async () => {
      const blocked = `${hostile.second.baseUrl}/image/good.png`;
      const { task } = await trawl.client.createTask({ url: `${hostile.baseUrl}/with-images?img=${encodeURIComponent(blocked)}&img=/image/good.png`, collect: ['images'] });
      const done = await trawl.client.waitForFinal(task.id, 30_000);
      expect(done).toMatchObject({ status: 'completed', progress: { imagesStored: 1, imagesFailed: 1 } });
      const refused = (await trawl.client.images(task.id)).find((image) => image.sourceUrl === blocked);
      expect(refused).toMatchObject({ status: 'failed', error: { code: 'blocked-address' } });
      expect(hostile.second.connections()).toBe(0);
    });
  });
}
