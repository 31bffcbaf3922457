import { SHARED_IMAGES, startBatchSite, sha256Of, type BatchSite } from './batch-site';
import type { TrawlDeployment } from './trawl-deployment';
import { logBatchProgress } from './batch-progress-log';

/** The size of the batch and how long it may take, per mode. */
export interface BatchSuiteOptions {
  /** The process that runs the projector (stopped for the rebuild). */
  projector: string;
  pages: number;
  missing: number;
  timeoutMs: number;
}

export interface BatchBody {
  id: string;
  status: string;
  counts: { tasks: Record<string, number>; images: { found: number; stored: number; failed: number }; bytesStored: number };
  links: Record<string, string>;
  [key: string]: unknown;
}

export async function getBatch(trawl: TrawlDeployment, id: string): Promise<BatchBody> {
  const response = await trawl.client.request(`/api/v1/batches/${id}`);
  if (!response.ok) throw new Error(`GET batch ${id}: ${response.status} ${await response.text()}`);
  return (await response.json()) as BatchBody;
}

export async function waitForBatch(trawl: TrawlDeployment, id: string, done: (batch: BatchBody) => boolean, timeoutMs = 50_000): Promise<BatchBody> {
  const deadline = Date.now() + timeoutMs;
  let last: BatchBody | undefined;
  while (Date.now() < deadline) {
    last = await getBatch(trawl, id).catch(() => last);
    if (last && done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`batch ${id} not done after ${timeoutMs} ms: ${JSON.stringify(last)}`);
}

/** Follows the batch's progress stream to its end: the messages in order (event, id, data). */
export async function followProgress(trawl: TrawlDeployment, id: string, timeoutMs = 50_000): Promise<Array<{ event: string; id: number; data: BatchBody }>> {
  const signal = AbortSignal.timeout(timeoutMs);
  let response = await trawl.client.request(`/api/v1/batches/${id}/progress`, { signal });
  // The 202 waits TRAWL_ACCEPT_WAIT_MS for the projector; a loaded machine may need a moment more.
  for (let retry = 0; response.status === 404 && retry < 50; retry += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    response = await trawl.client.request(`/api/v1/batches/${id}/progress`, { signal });
  }
  if (response.status !== 200 || !response.headers.get('content-type')?.startsWith('text/event-stream')) throw new Error(`progress of ${id}: ${response.status}`);
  const text = await response.text();
  return text.split('\n\n').filter((block) => block.includes('data: ')).map((block) => {
    const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}: `))!.slice(name.length + 2);
    return { event: field('event'), id: Number(field('id')), data: JSON.parse(field('data')) as BatchBody };
  });
}

/** The upload: pages, 404s, one duplicate (spelt differently), bad lines, blank lines and comments. */
function uploadBody(site: BatchSite, PAGES: number, MISSING: number): { body: string; badLines: number[] } {
  const lines = ['# a batch of the batch site', ''];
  for (let n = 0; n < PAGES; n += 1) lines.push(site.pageUrl(n));
  for (let n = 0; n < MISSING; n += 1) lines.push(`${site.baseUrl}/b/missing${n}.html`);
  lines.push(`  ${site.pageUrl(0).replace('http://', 'HTTP://')}  `); // the same URL once normalised
  const badLines: number[] = [];
  for (const bad of ['not a url', 'ftp://127.0.0.1/file', 'javascript:alert(1)']) {
    lines.push(bad);
    badLines.push(lines.length);
  }
  lines.push('', '# end');
  return { body: `${lines.join('\r\n')}\n`, badLines };
}

/** The batch use cases through the REST API alone, the same in every mode. */
export function describeBatches(mode: string, start: () => Promise<TrawlDeployment>, options: BatchSuiteOptions): void {
  const { pages: PAGES, missing: MISSING, timeoutMs } = options;
  describe(`e2e: batches [${mode}]`, () => {
    let site: BatchSite;
    let trawl: TrawlDeployment;
    let batchId: string;
    let resultsBeforeRebuild = '';
    const started = Date.now();

    beforeAll(async () => {
      site = await startBatchSite();
      trawl = await start();
    });
    afterAll(async () => {
      await trawl?.stop();
      await site?.close();
    });

    it('refuses a strict upload with a bad line, listing it, and stores nothing', async () => {
      const response = await trawl.client.request('/api/v1/batches?strict=true', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: `${site.pageUrl(0)}\nnot a url\n` });
      expect(response.status).toBe(400);
      const problem = (await response.json()) as { errors: Array<{ path: string; message: string }> };
      expect(problem.errors).toEqual([{ path: 'line 2', message: 'url: must be an absolute URL' }]);
      const list = (await (await trawl.client.request('/api/v1/batches')).json()) as { items: unknown[] };
      expect(list.items).toEqual([]);
    });

    it('accepts an upload as one 202: distinct URLs, the duplicate merged, bad lines listed by number', async () => {
      const { body, badLines } = uploadBody(site, PAGES, MISSING);
      const response = await trawl.client.request('/api/v1/batches?collect=text,images', { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' }, body });
      const answer = (await response.json()) as { id: string; accepted: number; duplicates: number; rejectedCount: number; rejected: Array<{ line: number; url: string; reason: string }> };
      expect(response.status).toBe(202);
      expect(response.headers.get('location')).toBe(`/api/v1/batches/${answer.id}`);
      expect(answer).toMatchObject({ accepted: PAGES + MISSING, duplicates: 1, rejectedCount: 3 });
      expect(answer.rejected.map(({ line, url }) => [line, url])).toEqual([[badLines[0], 'not a url'], [badLines[1], 'ftp://127.0.0.1/file'], [badLines[2], 'javascript:alert(1)']]);
      expect(answer.rejected[1].reason).toBe('url: scheme ftp is not allowed; use http or https');
      batchId = answer.id;
    });

    it('completes with exact counts, and each shared image downloaded once across all tasks', async () => {
      // Followed over Server-Sent Events to the end: progress messages with growing ids, then the final one.
      const stopLog = logBatchProgress(trawl, batchId, mode);
      const messages = await followProgress(trawl, batchId, timeoutMs).finally(stopLog);
      const last = messages.at(-1)!;
      expect(last).toMatchObject({ event: 'final', data: { status: 'completed' } });
      expect(messages.slice(0, -1).every((message) => message.event === 'progress')).toBe(true);
      expect(messages.map((message) => message.id)).toEqual([...messages.map((message) => message.id)].sort((a, b) => a - b));
      const done = await getBatch(trawl, batchId);
      expect(last.data.counts).toEqual(done.counts);
      const imageBytes = Array.from({ length: PAGES }, (_, n) => site.imagesOf(n).reduce((sum, path) => sum + site.imageBytes(path).length, 0)).reduce((a, b) => a + b, 0);
      const images = Array.from({ length: PAGES }, (_, n) => site.imagesOf(n).length).reduce((a, b) => a + b, 0);
      expect(done.counts.tasks).toEqual({ total: PAGES + MISSING, queued: 0, running: 0, completed: PAGES, failed: MISSING, cancelled: 0 });
      expect(done.counts.images).toEqual({ found: images, stored: images, failed: 0 });
      // Bytes: the images of every page (a shared image counts for each task), plus each page's text.
      const texts = await textBytes(trawl, batchId);
      expect(done.counts.bytesStored).toBe(imageBytes + texts);
      for (let k = 0; k < SHARED_IMAGES; k += 1) expect({ image: k, hits: site.hits(`/b/img/${k}.png`) }).toEqual({ image: k, hits: 1 });
      console.log(`[${mode}] batch of ${PAGES + MISSING} tasks completed ${Date.now() - started} ms after the suite started`);
    }, timeoutMs + 30_000);

    it('maps each URL to its status, text and images (NDJSON, in submission order), and pages it as JSON', async () => {
      const read = Date.now();
      const response = await trawl.client.request(`/api/v1/batches/${batchId}/results`);
      expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
      const ndjson = await response.text();
      console.log(`[${mode}] results of ${PAGES + MISSING} tasks as NDJSON in ${Date.now() - read} ms`);
      resultsBeforeRebuild = ndjson;
      const lines = ndjson.trim().split('\n').map((line) => JSON.parse(line) as { url: string; status: string; text: string | null; images: Array<{ sourceUrl: string; sha256: string; url: string }> });
      expect(lines).toHaveLength(PAGES + MISSING);
      for (let n = 0; n < PAGES; n += 1) {
        const result = lines[n];
        expect(result.url).toBe(site.pageUrl(n));
        expect(result.status).toBe('completed');
        expect(result.text).toMatch(/^\/api\/v1\/tasks\/[0-9a-f-]{36}\/text$/);
        const expected = site.imagesOf(n).map((path) => [`${site.baseUrl}${path}`, sha256Of(site.imageBytes(path))]).sort();
        expect(result.images.map((image) => [image.sourceUrl, image.sha256]).sort()).toEqual(expected);
      }
      for (const result of lines.slice(PAGES)) expect(result).toMatchObject({ status: 'failed', text: null, images: [] });
      const { sha256, url } = lines[0].images[0];
      const download = await trawl.client.download(url);
      expect(sha256Of(download.bytes)).toBe(sha256);

      const seen: string[] = [];
      let next: string | null = `/api/v1/batches/${batchId}/results?format=json&limit=64`;
      const paged = Date.now();
      while (next) {
        const page = (await (await trawl.client.request(next)).json()) as { items: Array<{ url: string }>; links: { next: string | null } };
        seen.push(...page.items.map((item) => item.url));
        next = page.links.next;
      }
      expect(seen).toEqual(lines.map((line) => line.url));
      console.log(`[${mode}] results as ${Math.ceil(lines.length / 64)} JSON pages of 64 in ${Date.now() - paged} ms`);
    });

    it("lists the batch's tasks by status, a page at a time; unknown ids and bad parameters are problems", async () => {
      const failed: string[] = [];
      let next: string | null = `/api/v1/batches/${batchId}/tasks?status=failed&limit=4`;
      while (next) {
        const page = (await (await trawl.client.request(next)).json()) as { items: Array<{ url: string; status: string }>; links: { next: string | null } };
        expect(page.items.every((task) => task.status === 'failed')).toBe(true);
        failed.push(...page.items.map((task) => task.url));
        next = page.links.next;
      }
      expect(failed.sort()).toEqual(Array.from({ length: MISSING }, (_, n) => `${site.baseUrl}/b/missing${n}.html`).sort());
      const list = (await (await trawl.client.request('/api/v1/batches')).json()) as { items: Array<{ id: string }> };
      expect(list.items.map((item) => item.id)).toEqual([batchId]);
      for (const path of [`/api/v1/batches/${crypto.randomUUID()}`, '/api/v1/batches/nope', `/api/v1/batches/${crypto.randomUUID()}/results`]) {
        expect({ path, status: (await trawl.client.request(path)).status }).toEqual({ path, status: 404 });
      }
      expect((await trawl.client.request(`/api/v1/batches/${batchId}/tasks?status=bogus`)).status).toBe(400);
      expect((await trawl.client.request(`/api/v1/batches/${batchId}`, { method: 'DELETE' })).status).toBe(409);
    });

    it('rebuilds the same batch view and results from the events (projector stopped, read models dropped, replayed)', async () => {
      const before = await getBatch(trawl, batchId);
      const projector = trawl.processes.get(options.projector)!;
      await projector.stop();
      const rebuilt = await trawl.cli(['rebuild-read-models']);
      expect(rebuilt.code).toBe(0);
      await trawl.start(options.projector);
      expect(await waitForBatch(trawl, batchId, () => true)).toEqual(before);
      expect(resultsBeforeRebuild).not.toBe('');
      expect(await (await trawl.client.request(`/api/v1/batches/${batchId}/results`)).text()).toBe(resultsBeforeRebuild);
      const cli = await trawl.cli(['batch', batchId]);
      expect(JSON.parse(cli.stdout)).toMatchObject({ id: batchId, status: 'completed', counts: before.counts });
      console.log(`[${mode}] batch suite done in ${Date.now() - started} ms`);
    });
  });
}

async function textBytes(trawl: TrawlDeployment, batchId: string): Promise<number> {
  let total = 0;
  let next: string | null = `/api/v1/batches/${batchId}/tasks?limit=500`;
  while (next) {
    const page = (await (await trawl.client.request(next)).json()) as { items: Array<{ text: { bytes: number } | null }>; links: { next: string | null } };
    for (const task of page.items) total += task.text?.bytes ?? 0;
    next = page.links.next;
  }
  return total;
}
