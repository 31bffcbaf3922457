import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { createBlobStore, type BlobStore } from '@trawl/blob-store';
import { loadConfig } from '@trawl/config';
import type { TrawlDeployment } from '../support/trawl-deployment';

/** Sweeps often, and re-checks quickly after deleting (ADR 0009). */
export const RETENTION_ENV = { TRAWL_RETENTION_SWEEP_INTERVAL_MS: '250', TRAWL_RETENTION_RECHECK_MS: '300' };

/** Two pages that share one image and each have one of their own; every text differs. */
async function startSite(): Promise<{ server: Server; base: string }> {
  const png = (r: number, g: number, b: number) => sharp({ create: { width: 3, height: 2, channels: 3, background: { r, g, b } } }).png().toBuffer();
  const images: Record<string, Buffer> = { '/shared.png': await png(10, 200, 30), '/a-own.png': await png(200, 10, 30), '/b-own.png': await png(30, 10, 200) };
  const page = (name: string) => `<!doctype html><html><head><title>Page ${name}</title></head><body><h1>Page ${name}</h1><p>Words only page ${name} has.</p><img src="/shared.png" alt="shared"><img src="/${name.toLowerCase()}-own.png" alt="own"></body></html>`;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (images[path]) return res.writeHead(200, { 'content-type': 'image/png' }).end(images[path]);
    if (path === '/a' || path === '/b') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(path.slice(1).toUpperCase()));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface StoredImage {
  id: string;
  sourceUrl: string;
  sha256: string;
  url: string;
}

/**
 * Retention end to end: task A (expiresAt a few seconds ahead), task B and a batch's task (later) share
 * an image. When A expires, its endpoints answer 410, its own blobs are gone, the shared image stays for
 * B, and a rebuild of the read models gives the same views; when B and the batch expire too, the batch
 * answers 410 and the shared blob goes.
 */
export function describeRetention(mode: string, start: () => Promise<TrawlDeployment>): void {
  describe(`e2e: retention (expiresAt, sweeper, 410 Gone, shared blobs) [${mode}]`, () => {
    let trawl: TrawlDeployment;
    let site: { server: Server; base: string };
    let blobs: BlobStore;
    beforeAll(async () => {
      site = await startSite();
      trawl = await start();
      blobs = await createBlobStore(loadConfig(trawl.env).blobStore);
    });
    afterAll(async () => {
      await blobs?.close();
      await trawl?.stop();
      if (site?.server.listening) await new Promise((resolve) => site.server.close(resolve));
    });

    it('refuses an expiresAt in the past, or not a date-time, with a 400 naming the field', async () => {
      for (const [path, body] of [
        ['/api/v1/tasks', { url: `${site.base}/a`, expiresAt: '2020-01-01T00:00:00Z' }],
        ['/api/v1/tasks', { url: `${site.base}/a`, expiresAt: 'tomorrow' }],
        ['/api/v1/batches', { urls: [`${site.base}/a`], expiresAt: '2020-01-01T00:00:00Z' }],
      ] as const) {
        const response = await trawl.client.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
        expect(await response.json()).toMatchObject({ code: 'invalid-request', errors: [{ path: 'expiresAt', message: expect.any(String) }] });
      }
    });

    it('expires task A: 410 for it, its text, images, bytes and variants; its own blobs go, the shared one stays for B; a rebuild agrees; then B expires and the shared blob goes', async () => {
      const soon = (ms: number) => new Date(Date.now() + ms).toISOString();
      const { task: a } = await trawl.client.createTask({ url: `${site.base}/a`, expiresAt: soon(8_000) });
      const { task: b } = await trawl.client.createTask({ url: `${site.base}/b`, expiresAt: soon(60_000) });
      // A batch whose one task is page B again: it holds B's blobs too, until it expires with them.
      const batch = await postJson(trawl, '/api/v1/batches', { urls: [`${site.base}/b?in-batch`], expiresAt: soon(60_000) });
      expect(a).toMatchObject({ expiresAt: expect.any(String) });
      // A may be expired by the time a poll sees it final (on a slow machine its page takes longer than
      // its expiresAt): its events say how it ended, and stay readable after it expires.
      await until('task A final (or expired already)', async () => {
        const response = await trawl.client.request(`/api/v1/tasks/${a.id}`);
        return response.status === 410 || ['completed', 'failed', 'cancelled'].includes(((await response.json()) as { status: string }).status);
      }, 120_000);
      const doneB = await trawl.client.waitForFinal(b.id);
      const eventsA = (await trawl.client.events(a.id)) as unknown as Array<{ type: string; data: Record<string, any> }>;
      expect([eventsA.some((event) => event.type === 'TaskCompleted'), doneB.status]).toEqual([true, 'completed']);
      const imagesA = eventsA.filter((event) => event.type === 'ImageStored').map((event) => ({ id: event.data.imageId, sourceUrl: event.data.sourceUrl, sha256: event.data.sha256, url: '' }));
      const aText = eventsA.find((event) => event.type === 'PageFetched')!.data as { text: { sha256: string } };
      const imagesB = (await trawl.client.images(b.id)) as unknown as StoredImage[];
      const shaOf = (images: StoredImage[], file: string) => images.find((image) => image.sourceUrl.endsWith(file))!.sha256;
      const shared = shaOf(imagesB, '/shared.png');
      expect(shaOf(imagesA, '/shared.png')).toBe(shared);
      const [aOwn, bOwn] = [shaOf(imagesA, '/a-own.png'), shaOf(imagesB, '/b-own.png')];
      for (const sha of [shared, bOwn]) expect(await blobs.stat(sha)).not.toBeNull();

      // A expires: every endpoint of it answers 410 problem+json.
      await until('task A answers 410', async () => (await trawl.client.request(`/api/v1/tasks/${a.id}`)).status === 410);
      const imageA = imagesA.find((image) => image.sourceUrl.endsWith('/a-own.png'))!;
      for (const path of [`/api/v1/tasks/${a.id}`, `/api/v1/tasks/${a.id}/text`, `/api/v1/tasks/${a.id}/images`, `/api/v1/tasks/${a.id}/images/${imageA.id}`, `/api/v1/tasks/${a.id}/images/${imageA.id}?width=2`]) {
        const response = await trawl.client.request(path);
        expect({ path, status: response.status }).toEqual({ path, status: 410 });
        expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
        expect(await response.json()).toMatchObject({ status: 410, code: 'expired', detail: expect.stringContaining('expired at') });
      }

      // The sweeper releases A's blobs: its own image and text go; the shared image stays, and B serves it.
      await until('A blobs released', async () => (await trawl.client.events(a.id)).some((event) => event.type === 'TaskBlobsReleased'));
      expect(await blobs.stat(aOwn)).toBeNull();
      expect(await blobs.stat(aText.text.sha256)).toBeNull();
      expect(await blobs.stat(shared)).not.toBeNull();
      const sharedOfB = imagesB.find((image) => image.sourceUrl.endsWith('/shared.png'))!;
      const served = await trawl.client.download(sharedOfB.url);
      expect(served.response.status).toBe(200);
      expect(served.bytes.equals(await readAll(blobs, shared))).toBe(true);
      expect((await trawl.client.getTask(b.id)).status).toBe('completed');

      // A rebuild of the read models after the sweep gives the same views (taken once the projector has applied the release).
      const released = ((await trawl.client.events(a.id)) as unknown as Array<{ type: string; recordedAt: string }>).find((event) => event.type === 'TaskBlobsReleased')!;
      await until('the release projected', async () => {
        const listing = (await (await trawl.client.request('/api/v1/tasks?limit=10')).json()) as { items: Array<{ id: string; updatedAt: string }> };
        return listing.items.find((item) => item.id === a.id)?.updatedAt === released.recordedAt;
      });
      const before = await viewsOf(trawl, a.id, b.id);
      await trawl.processes.get(mainProcess(trawl))!.stop();
      expect(await trawl.cli(['rebuild-read-models'])).toMatchObject({ code: 0 });
      await trawl.start(mainProcess(trawl));
      expect(await viewsOf(trawl, a.id, b.id)).toEqual(before);

      // B and the batch expire too: now nothing references the shared image or B's own, and they go.
      await until('task B answers 410', async () => (await trawl.client.request(`/api/v1/tasks/${b.id}`)).status === 410, 90_000);
      await until('the batch answers 410', async () => (await trawl.client.request(`/api/v1/batches/${batch.id}`)).status === 410, 60_000);
      for (const path of [`/api/v1/batches/${batch.id}/tasks`, `/api/v1/batches/${batch.id}/results`]) {
        const response = await trawl.client.request(path);
        expect({ path, status: response.status, body: await response.json() }).toMatchObject({ path, status: 410, body: { code: 'expired' } });
      }
      await until('the shared and B blobs are gone', async () => (await blobs.stat(shared)) === null && (await blobs.stat(bOwn)) === null, 30_000);
    }, 180_000);
  });
}

/** The embedded process, or the API of a distributed deployment (restarted around a rebuild). */
function mainProcess(trawl: TrawlDeployment): string {
  return trawl.processes.has('trawl') ? 'trawl' : 'projector';
}

async function viewsOf(trawl: TrawlDeployment, expiredId: string, liveId: string) {
  const gone = await trawl.client.request(`/api/v1/tasks/${expiredId}`);
  return {
    expired: { status: gone.status, body: await gone.json() },
    live: await trawl.client.getTask(liveId),
    images: await trawl.client.images(liveId),
    listing: await (await trawl.client.request('/api/v1/tasks?limit=10')).json(),
  };
}

async function postJson(trawl: TrawlDeployment, path: string, body: unknown): Promise<{ id: string }> {
  const response = await trawl.client.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(202);
  return (await response.json()) as { id: string };
}

async function readAll(blobs: BlobStore, sha256: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await blobs.read(sha256)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
