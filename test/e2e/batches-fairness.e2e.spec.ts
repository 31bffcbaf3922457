import { startBatchSite, type BatchSite } from '../support/batch-site';
import { getBatch, waitForBatch } from '../support/batch-e2e-suite';
import { startEmbeddedTrawl, type TrawlDeployment } from '../support/trawl-deployment';

const WINDOW = 8;
const BIG = 2000;

async function postBatch(trawl: TrawlDeployment, urls: string[]): Promise<string> {
  const response = await trawl.client.request('/api/v1/batches', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ urls, collect: ['text'] }) });
  const body = (await response.json()) as { id: string; accepted: number };
  if (response.status !== 202 || body.accepted !== urls.length) throw new Error(`POST /batches: ${response.status} ${JSON.stringify(body)}`);
  return body.id;
}

/**
 * Fairness, asserted on order and counts (not on time): a 2,000-URL batch holds at most
 * TRAWL_BATCH_WINDOW unfinished tasks, so a single task sent after it, and a small batch sent after
 * it, both finish while almost all of the big batch is still waiting. Then the big batch is cancelled.
 */
describe('e2e: batch fairness [embedded]', () => {
  let site: BatchSite;
  let trawl: TrawlDeployment;
  beforeAll(async () => {
    // Pages take 100 ms: the big batch keeps the fetcher busy for half a minute if nothing interleaves.
    site = await startBatchSite({ pageDelayMs: 100 });
    trawl = await startEmbeddedTrawl({ env: { TRAWL_BATCH_WINDOW: String(WINDOW) } });
  });
  afterAll(async () => {
    await trawl?.stop();
    await site?.close();
  });

  it('runs a single task and a second batch sent after a 2,000-URL batch while most of it is unreleased; a cancel ends it', async () => {
    const started = Date.now();
    const big = await postBatch(trawl, Array.from({ length: BIG }, (_, n) => site.pageUrl(n)));
    const accepted = Date.now() - started;
    const { task } = await trawl.client.createTask({ url: site.pageUrl(100_000), collect: ['text'] });
    const small = await postBatch(trawl, Array.from({ length: 20 }, (_, n) => site.pageUrl(50_000 + n)));

    expect(await trawl.client.waitForFinal(task.id, 30_000)).toMatchObject({ status: 'completed' });
    const whenTaskDone = await getBatch(trawl, big);
    expect(whenTaskDone.counts.tasks.queued).toBeGreaterThan(BIG * 0.9);
    expect(whenTaskDone.counts.tasks.running).toBeLessThanOrEqual(WINDOW);

    expect((await waitForBatch(trawl, small, (batch) => batch.status === 'completed', 30_000)).counts.tasks).toMatchObject({ total: 20, completed: 20 });
    const whenSmallDone = await getBatch(trawl, big);
    expect(whenSmallDone.counts.tasks.queued).toBeGreaterThan(BIG * 0.8);

    const cancel = await trawl.client.request(`/api/v1/batches/${big}`, { method: 'DELETE' });
    expect(cancel.status).toBe(202);
    const ended = await waitForBatch(trawl, big, (batch) => batch.status === 'cancelled' && batch.completedAt !== null, 30_000);
    const { total, queued, running, completed, failed, cancelled } = ended.counts.tasks;
    expect({ total, queued, running }).toEqual({ total: BIG, queued: 0, running: 0 });
    expect(completed + failed + cancelled).toBe(BIG);
    expect(cancelled).toBeGreaterThan(BIG * 0.8);
    const page = (await (await trawl.client.request(`/api/v1/batches/${big}/results?format=json&limit=1&cursor=${BIG - 1}`)).json()) as { items: Array<{ status: string }> };
    expect(page.items).toEqual([expect.objectContaining({ status: 'cancelled' })]);
    console.log(`[fairness] ${BIG} URLs accepted in ${accepted} ms; the task finished with ${whenTaskDone.counts.tasks.queued} of the batch queued; done in ${Date.now() - started} ms`);
  });
});
