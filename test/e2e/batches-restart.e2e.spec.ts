import { startBatchSite, type BatchSite } from '../support/batch-site';
import { startEmbeddedTrawl, type TrawlDeployment } from '../support/trawl-deployment';

const PAGES = 60;

interface BatchBody {
  id: string;
  status: string;
  counts: { tasks: Record<string, number>; images: { found: number; stored: number; failed: number } };
}

/**
 * Issue 10: the embedded process is SIGKILLed while a batch runs; started again on the same data
 * directory, the batch completes with every URL done once: nothing lost, nothing doubled.
 */
describe('e2e: a batch survives SIGKILL [embedded]', () => {
  let site: BatchSite;
  let trawl: TrawlDeployment;

  beforeAll(async () => {
    site = await startBatchSite({ pageDelayMs: 150 });
    trawl = await startEmbeddedTrawl({ env: { TRAWL_BATCH_WINDOW: '8' } });
  });
  afterAll(async () => {
    await trawl?.stop();
    await site?.close();
  });

  it('completes after a restart with every task final once and the counts exact', async () => {
    const urls = Array.from({ length: PAGES }, (_, n) => site.pageUrl(n));
    const response = await trawl.client.request('/api/v1/batches', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ urls, collect: ['text', 'images'] }),
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    // Some pages are done, most are not: kill it there.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && urls.filter((url) => site.hits(new URL(url).pathname) > 0).length < 10) await new Promise((resolve) => setTimeout(resolve, 50));
    const before = await batch(trawl, id);
    expect(before.status).not.toBe('completed');

    await trawl.processes.get('trawl')!.kill();
    await trawl.start('trawl');

    let done = before;
    for (const end = Date.now() + 120_000; Date.now() < end && done.status !== 'completed'; ) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      done = await batch(trawl, id);
    }
    expect(done.status).toBe('completed');
    expect(done.counts.tasks).toMatchObject({ total: PAGES, completed: PAGES, failed: 0, cancelled: 0, queued: 0, running: 0 });
    const images = urls.reduce((sum, _, n) => sum + site.imagesOf(n).length, 0);
    expect(done.counts.images).toEqual({ found: images, stored: images, failed: 0 });

    // Every URL has one task, completed once, with no event written twice.
    const results = (await (await trawl.client.request(`/api/v1/batches/${id}/results?format=json&limit=500`)).json()) as { items: { taskId: string; status: string }[] };
    expect(results.items).toHaveLength(PAGES);
    for (const { taskId, status } of results.items) {
      expect(status).toBe('completed');
      const events = await trawl.client.events(taskId);
      expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
      expect(events.filter((event) => event.type === 'TaskCompleted')).toHaveLength(1);
    }
  });
});

async function batch(trawl: TrawlDeployment, id: string): Promise<BatchBody> {
  return (await (await trawl.client.request(`/api/v1/batches/${id}`)).json()) as BatchBody;
}
