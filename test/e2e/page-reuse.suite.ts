import { startPageReuseSite, type PageReuseSite } from '../support/page-reuse-site';
import type { TaskBody } from '../support/trawl-client';
import type { TrawlDeployment } from '../support/trawl-deployment';

type ReusedTask = TaskBody & { reusedFrom?: { taskId: string; fetchedAt: string } };
type PageFetchedData = { text: { sha256: string } | null; html?: { sha256: string } | null; imagesFound: number; reusedFrom?: { taskId: string } };

/**
 * Page reuse (ADR 0012) as a user sees it: a task that asks for `reuse` records a page an earlier task
 * downloaded without a request to the site (hits counted), and says whose download it is; a task
 * without it fetches again; two reuse tasks on a slow page at once make one request; a page that
 * failed is tried again; a batch passes reuse and the text options on to its tasks.
 */
export function describePageReuse(mode: string, start: () => Promise<TrawlDeployment>): void {
  describe(`e2e: page text reused across tasks [${mode}]`, () => {
    let site: PageReuseSite;
    let trawl: TrawlDeployment;

    beforeAll(async () => {
      site = await startPageReuseSite();
      trawl = await start();
    });
    afterAll(async () => {
      await trawl?.stop();
      await site?.close();
    });

    const run = async (body: Record<string, unknown>): Promise<ReusedTask> => {
      const { task } = await trawl.client.createTask(body);
      return (await trawl.client.waitForFinal(task.id)) as ReusedTask;
    };
    const pageFetched = async (taskId: string): Promise<PageFetchedData> => {
      const response = await trawl.client.request(`/api/v1/tasks/${taskId}/events`);
      const { items } = (await response.json()) as { items: Array<{ type: string; data: PageFetchedData }> };
      return items.find((event) => event.type === 'PageFetched')!.data;
    };

    it('records the page an earlier task fetched, without a request, for a task that asks for reuse; one without it fetches again', async () => {
      const url = `${site.baseUrl}/article/first`;
      const first = await run({ url });
      expect(first).toMatchObject({ status: 'completed', progress: { imagesFound: 2, imagesStored: 2 } });
      expect(first).not.toHaveProperty('reusedFrom');
      // At least once: a page job redelivered while the fetchers' group settles may fetch twice.
      const hitsOfFirst = site.hits('/article/first');
      expect(hitsOfFirst).toBeGreaterThanOrEqual(1);

      const reused = await run({ url, reuse: true });
      expect(reused).toMatchObject({ status: 'completed', title: 'Reuse first', progress: { imagesFound: 2, imagesStored: 2, imagesFailed: 0 }, reusedFrom: { taskId: first.id } });
      expect(site.hits('/article/first')).toBe(hitsOfFirst);
      expect(await trawl.client.text(reused.id)).toBe(await trawl.client.text(first.id));
      // The same blobs (content-addressed), and the same images discovered as the download gave.
      const [firstPage, reusedPage] = [await pageFetched(first.id), await pageFetched(reused.id)];
      expect(reusedPage).toMatchObject({ text: firstPage.text, html: firstPage.html, imagesFound: firstPage.imagesFound, reusedFrom: { taskId: first.id } });
      const sources = async (id: string) => (await trawl.client.images(id)).map((image) => [image.sourceUrl, image.sha256]);
      expect(await sources(reused.id)).toEqual(await sources(first.id));

      const fresh = await run({ url });
      expect(fresh.status).toBe('completed');
      expect(fresh).not.toHaveProperty('reusedFrom');
      expect(site.hits('/article/first')).toBeGreaterThan(hitsOfFirst);
    });

    it("cuts a reused page with the task's own text options", async () => {
      const url = `${site.baseUrl}/article/options`;
      const full = await run({ url, collect: ['text'] });
      const main = await run({ url, collect: ['text'], reuse: true, text: { mode: 'main', format: 'markdown' } });
      expect(site.hits('/article/options')).toBe(1);
      expect(main).toMatchObject({ status: 'completed', reusedFrom: { taskId: full.id } });
      expect(await trawl.client.text(full.id)).toContain('Footer text');
      expect(await trawl.client.text(main.id)).not.toContain('Footer text');
      const markdown = await trawl.client.request(`/api/v1/tasks/${main.id}/text?format=markdown`);
      expect(markdown.status).toBe(200);
      expect(await markdown.text()).toContain('![first picture]');
    });

    it('downloads a slow page once for two reuse tasks that reach it at the same time, and both get its text', async () => {
      const url = `${site.baseUrl}/slow/together?ms=1500`;
      const created = await Promise.all([0, 1].map(async () => (await trawl.client.createTask({ url, collect: ['text'], reuse: true })).task));
      const done = (await Promise.all(created.map((task) => trawl.client.waitForFinal(task.id)))) as ReusedTask[];
      for (const task of done) expect(task.status).toBe('completed');
      expect(site.hits('/slow/together')).toBe(1);
      const texts = await Promise.all(done.map((task) => trawl.client.text(task.id)));
      expect(texts[0]).toContain('The first paragraph of the together article');
      expect(texts[1]).toBe(texts[0]);
      // One made the download; the other names it.
      const reused = done.filter((task) => task.reusedFrom);
      expect(reused).toHaveLength(1);
      expect(reused[0].reusedFrom!.taskId).toBe(done.find((task) => !task.reusedFrom)!.id);
    });

    it('tries a page that failed before again', async () => {
      const url = `${site.baseUrl}/fixable`;
      const failed = await run({ url, collect: ['text'], reuse: true });
      expect(failed).toMatchObject({ status: 'failed', error: { code: 'http-status', message: expect.stringContaining('404') } });
      const hitsAfterFailure = site.hits('/fixable');
      site.fix();
      const retried = await run({ url, collect: ['text'], reuse: true });
      expect(retried.status).toBe('completed');
      expect(retried).not.toHaveProperty('reusedFrom');
      expect(site.hits('/fixable')).toBe(hitsAfterFailure + 1);
      expect(await trawl.client.text(retried.id)).toContain('Reuse fixed');
    });

    it('passes reuse and the text options of a batch on to its tasks', async () => {
      const url = `${site.baseUrl}/article/batch`;
      const first = await run({ url, collect: ['text'] });
      const response = await trawl.client.request('/api/v1/batches', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ urls: [url], collect: ['text'], reuse: true, text: { mode: 'main', format: 'markdown' }, respectOptOuts: false }),
      });
      expect(response.status).toBe(202);
      const batch = (await response.json()) as { id: string };
      const task = await waitForBatchTask(trawl, batch.id);
      expect(task).toMatchObject({ status: 'completed', reusedFrom: { taskId: first.id }, extraction: { mode: 'main', format: 'markdown' } });
      expect(site.hits('/article/batch')).toBe(1);
      const requested = await taskRequested(trawl, task.id);
      expect(requested).toMatchObject({ batchId: batch.id, reuse: true, respectOptOuts: false, text: { mode: 'main', format: 'markdown' } });
    });
  });
}

async function waitForBatchTask(trawl: TrawlDeployment, batchId: string): Promise<ReusedTask & { extraction?: unknown }> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const page = (await (await trawl.client.request(`/api/v1/batches/${batchId}/tasks`)).json()) as { items: Array<{ id: string; status: string }> };
    const task = page.items?.[0];
    if (task && ['completed', 'failed', 'cancelled'].includes(task.status)) return (await trawl.client.getTask(task.id)) as ReusedTask;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the task of batch ${batchId} did not finish`);
}

async function taskRequested(trawl: TrawlDeployment, taskId: string): Promise<Record<string, unknown>> {
  const { items } = (await (await trawl.client.request(`/api/v1/tasks/${taskId}/events`)).json()) as { items: Array<{ type: string; data: Record<string, unknown> }> };
  return items.find((event) => event.type === 'TaskRequested')!.data;
}
