import { startFixtureSite, type FixtureSite } from '../support/fixture-site';
import type { TrawlDeployment } from '../support/trawl-deployment';
import { expected, fixtureImageBytes, sha256, textPages } from './fixture-expectations';

/**
 * The task lifecycle as a user sees it through the REST API alone. The same suite runs against every
 * mode (distributed processes on Kafka/FerretDB, embedded single process), so the modes cannot drift.
 */
export function describeTaskLifecycle(mode: string, start: () => Promise<TrawlDeployment>): void {
  describe(`e2e: task lifecycle [${mode}]`, () => {
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

    it.each(textPages.map((page) => [page.path, page] as const))('stores the visible text of %s as UTF-8', async (_path, page) => {
      const { task } = await trawl.client.createTask({ url: `${site.baseUrl}${page.path}`, collect: ['text'] });
      const done = await trawl.client.waitForFinal(task.id);
      expect(done).toMatchObject({ status: 'completed', title: page.title, error: null });
      const response = await trawl.client.request(`/api/v1/tasks/${task.id}/text`);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      const text = await response.text();
      if (page.text) expect(text).toBe(page.text);
      for (const snippet of page.mustContain ?? []) expect(text).toContain(snippet);
      for (const snippet of page.mustNotContain ?? []) expect(text).not.toContain(snippet);
      expect(await trawl.client.images(task.id)).toEqual([]);
    });

    it('collects exactly the images of a page that hides them everywhere, byte for byte', async () => {
      const page = expected.images['/pages/all-hiding-places.html'];
      const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/pages/all-hiding-places.html`, collect: ['images'] });
      const done = await trawl.client.waitForFinal(task.id);
      const total = page.images.length + page.dataUris.length;
      expect(done).toMatchObject({ status: 'completed', progress: { imagesFound: total, imagesStored: total, imagesFailed: 0 } });

      const images = await trawl.client.images(task.id);
      const expectedHashes = page.images.map((image) => sha256(fixtureImageBytes(image.path)));
      const remote = images.filter((image) => !image.sourceUrl.startsWith('data:'));
      expect(remote.map((image) => image.sha256).sort()).toEqual([...expectedHashes].sort());
      expect(remote.map((image) => new URL(image.sourceUrl).pathname + new URL(image.sourceUrl).search).sort()).toEqual(page.images.map((image) => image.path).sort());
      const inline = images.filter((image) => image.sourceUrl.startsWith('data:'));
      expect(inline.map(({ contentType, width, height }) => ({ contentType, width, height }))).toEqual(page.dataUris.map(({ contentType, width, height }) => ({ contentType, width, height })));

      for (const image of remote) {
        const { response, bytes } = await trawl.client.download(image.url!);
        expect(response.status).toBe(200);
        expect(bytes.equals(fixtureImageBytes(new URL(image.sourceUrl).pathname))).toBe(true);
        expect(response.headers.get('etag')).toBe(`"${image.sha256}"`);
        expect(response.headers.get('content-length')).toBe(String(bytes.length));
      }
      // Each distinct URL is fetched once per task.
      for (const image of page.images) expect(site.hits(image.path)).toBeGreaterThanOrEqual(1);
      expect(site.hits('/img/img-src.png')).toBe(1);
    });

    it('serves byte ranges and answers conditional requests', async () => {
      const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/pages/base-href.html`, collect: ['images'] });
      await trawl.client.waitForFinal(task.id);
      const [image] = await trawl.client.images(task.id);
      const whole = fixtureImageBytes('/img/base-href.png');
      const ranged = await trawl.client.download(image.url!, { range: 'bytes=1-4' });
      expect(ranged.response.status).toBe(206);
      expect(ranged.response.headers.get('content-range')).toBe(`bytes 1-4/${whole.length}`);
      expect(ranged.bytes.equals(whole.subarray(1, 5))).toBe(true);
      const cached = await trawl.client.request(image.url!, { headers: { 'if-none-match': `"${image.sha256}"` } });
      expect(cached.status).toBe(304);
      const beyond = await trawl.client.request(image.url!, { headers: { range: `bytes=${whole.length + 10}-` } });
      expect(beyond.status).toBe(416);
    });

    it('fails a task whose page answers 404, with a clear error', async () => {
      const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/status/404` });
      const done = await trawl.client.waitForFinal(task.id);
      expect(done.status).toBe('failed');
      expect(done.error).toEqual({ code: 'http-status', message: expect.stringContaining('404') });
      const text = await trawl.client.request(`/api/v1/tasks/${task.id}/text`);
      expect(text.status).toBe(409);
      expect(text.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('counts a broken image as failed and still completes the task', async () => {
      const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/pages/broken-image.html` });
      const done = await trawl.client.waitForFinal(task.id);
      expect(done.status).toBe('completed');
      expect(done.progress.imagesFailed).toBeGreaterThanOrEqual(1);
      const broken = (await trawl.client.images(task.id)).find((image) => image.sourceUrl.endsWith('/img/broken.png'));
      expect(broken).toMatchObject({ status: 'failed', error: { code: 'not-an-image' }, url: null });
    });

    it('cancels an unfinished task, and refuses to cancel it twice', async () => {
      const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/many-slow-images?count=20&ms=3000` });
      const cancel = await trawl.client.request(`/api/v1/tasks/${task.id}`, { method: 'DELETE' });
      expect(cancel.status).toBe(202);
      expect((await trawl.client.waitForFinal(task.id)).status).toBe('cancelled');
      const again = await trawl.client.request(`/api/v1/tasks/${task.id}`, { method: 'DELETE' });
      expect(again.status).toBe(409);
    });

    it('keeps the audit trail in order, each event once', async () => {
      const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/pages/base-href.html` });
      await trawl.client.waitForFinal(task.id);
      const events = await trawl.client.events(task.id);
      expect(events.map((event) => event.revision)).toEqual(events.map((_, index) => index));
      expect(events[0].type).toBe('TaskRequested');
      expect(events.at(-1)!.type).toBe('TaskCompleted');
      expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    });

    it('shows a task whose page is slow to come as running meanwhile, its start recorded before its result', async () => {
      // A quick page records TaskStarted in the same append as its result (see StartAnnouncement); a slow
      // one records it on its own after half a second, so that its status says the work is under way.
      const slow = (await trawl.client.createTask({ url: `${site.baseUrl}/slow-page?ms=4000`, collect: ['text'] })).task;
      let seen = (await trawl.client.getTask(slow.id)).status;
      while (seen === 'queued') {
        await new Promise((resolve) => setTimeout(resolve, 50));
        seen = (await trawl.client.getTask(slow.id)).status;
      }
      // Seen running while the page was still on its way (the site answers after 4 s).
      expect(seen).toBe('running');
      expect((await trawl.client.waitForFinal(slow.id)).status).toBe('completed');
      const slowEvents = await trawl.client.events(slow.id);
      expect(slowEvents.map((event) => event.type)).toEqual(['TaskRequested', 'TaskStarted', 'PageFetched', 'TaskCompleted']);
      expect(slowEvents[1].recordedAt < slowEvents[2].recordedAt).toBe(true);
    });

    it('answers bad requests with problem details that name the problem', async () => {
      const post = (body: string, type = 'application/json') =>
        trawl.client.request('/api/v1/tasks', { method: 'POST', headers: { 'content-type': type }, body });
      const cases: [Response, number, RegExp][] = [
        [await post('{"url": "ftp://127.0.0.1/x"}'), 400, /url: scheme ftp is not allowed/],
        [await post('{"url": "/relative"}'), 400, /url: must be an absolute URL/],
        [await post('{"url": "http://127.0.0.1/", "collect": ["video"]}'), 400, /collect/],
        [await post('{"url": '), 400, /not valid JSON/],
        [await post('url=x', 'application/x-www-form-urlencoded'), 415, /application\/json/],
        [await trawl.client.request('/api/v1/tasks/00000000-0000-4000-8000-000000000000'), 404, /no task/],
        [await trawl.client.request('/api/v1/tasks/not-a-task'), 404, /no task/],
        [await trawl.client.request('/api/v1/tasks?status=lost'), 400, /status/],
      ];
      for (const [response, status, detail] of cases) {
        expect(response.status).toBe(status);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        const problem = (await response.json()) as { status: number; detail: string; type: string };
        expect(problem.status).toBe(status);
        expect(problem.detail).toMatch(detail);
      }
    });

    it('lists tasks newest first, filtered by status', async () => {
      const response = await trawl.client.request('/api/v1/tasks?status=failed&limit=50');
      const page = (await response.json()) as { items: { status: string; createdAt: string }[] };
      expect(page.items.length).toBeGreaterThanOrEqual(1);
      expect(page.items.every((item) => item.status === 'failed')).toBe(true);
      const all = (await (await trawl.client.request('/api/v1/tasks?limit=500')).json()) as { items: { createdAt: string }[] };
      const times = all.items.map((item) => item.createdAt);
      expect(times).toEqual([...times].sort().reverse());
    });

    it('publishes its OpenAPI document', async () => {
      const response = await trawl.client.request('/openapi.json');
      const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
      expect(document.openapi).toBe('3.1.0');
      expect(Object.keys(document.paths)).toContain('/api/v1/tasks/{id}/images/{imageId}');
      expect((await trawl.client.request('/docs')).status).toBe(200);
    });
  });
}
