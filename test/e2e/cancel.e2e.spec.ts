import { startFixtureSite, type FixtureSite } from '../support/fixture-site';
import { startEmbeddedTrawl, type TrawlDeployment } from '../support/trawl-deployment';
import { slowImageHits, waitFor } from '../support/wait-for';

const IMAGES = 60;
const DELAY_MS = 1500;

/**
 * Issue 14 item 3: a cancel stops the work in flight. Downloads of the cancelled task are aborted, its
 * queued image jobs end without a request, and its counts stay as they were when it was cancelled.
 */
describe('e2e: cancel stops a running task [embedded]', () => {
  let site: FixtureSite;
  let trawl: TrawlDeployment;

  beforeAll(async () => {
    site = await startFixtureSite();
    trawl = await startEmbeddedTrawl({ env: { TRAWL_FETCH_CONCURRENCY: '8' } });
  });
  afterAll(async () => {
    await trawl?.stop();
    await site?.close();
  });

  it('sends no request for the task after the cancel has reached the fetcher, and its counts do not move', async () => {
    const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/many-slow-images?count=${IMAGES}&ms=${DELAY_MS}`, collect: ['images'] });
    // Some downloads are in flight (the slow site holds them), most are still queued.
    await waitFor(() => site.slowImages.open >= 4, 30_000);
    const cancel = await trawl.client.request(`/api/v1/tasks/${task.id}`, { method: 'DELETE' });
    expect(cancel.status).toBe(202);
    // The in-flight downloads are aborted: the site sees their connections close long before it answers.
    await waitFor(() => site.slowImages.open === 0, DELAY_MS - 200);
    const hitsAfterCancel = slowImageHits(site, IMAGES);
    const viewAfterCancel = await trawl.client.waitForFinal(task.id);
    expect(viewAfterCancel.status).toBe('cancelled');

    await new Promise((resolve) => setTimeout(resolve, 3 * DELAY_MS));
    expect(slowImageHits(site, IMAGES)).toBe(hitsAfterCancel);
    expect(hitsAfterCancel).toBeLessThan(IMAGES / 2);
    const later = await trawl.client.getTask(task.id);
    expect(later.status).toBe('cancelled');
    expect(later.progress).toEqual(viewAfterCancel.progress);
  });
});
