import { collectEventStream, type ReceivedMessage } from '../../apps/api/src/http/sse/test-support/sse-client';
import { startFixtureSite, type FixtureSite } from '../support/fixture-site';
import { startEmbeddedTrawl, type TrawlDeployment } from '../support/trawl-deployment';

const IMAGES = 40;
const DELAY_MS = 300;

interface ProgressData {
  id: string;
  status: string;
  progress: { imagesFound: number; imagesStored: number; imagesFailed: number };
  error: unknown;
}

const dataOf = (message: ReceivedMessage) => JSON.parse(message.data) as ProgressData;

/**
 * Live progress (issue 10 item 3) as a client sees it: a task of 40 slow images on a loopback site,
 * followed over Server-Sent Events from its start to its end with fetch and a line parser, then a
 * reconnect with the final message's Last-Event-ID. Four images at a time (TRAWL_HOST_CONCURRENCY),
 * each served after 300 ms, so the task runs for about 3 s and its counts move many times.
 */
describe('e2e: live task progress over Server-Sent Events [embedded]', () => {
  let site: FixtureSite;
  let trawl: TrawlDeployment;
  let taskId: string;
  let followed: { response: Response; messages: ReceivedMessage[]; seconds: number };

  beforeAll(async () => {
    site = await startFixtureSite();
    trawl = await startEmbeddedTrawl({ env: { TRAWL_HOST_CONCURRENCY: '4' } });
    const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/many-slow-images?count=${IMAGES}&ms=${DELAY_MS}`, collect: ['images'] });
    taskId = task.id;
    const started = Date.now();
    const { response, messages } = await collectEventStream(`${trawl.client.baseUrl}/api/v1/tasks/${taskId}/progress`, { signal: AbortSignal.timeout(120_000) });
    followed = { response, messages, seconds: (Date.now() - started) / 1000 };
  });
  afterAll(async () => {
    await trawl?.stop();
    await site?.close();
  });

  it('streams progress messages with increasing ids, coalesced, ending with one final message with the right counts', async () => {
    const { response, messages, seconds } = followed;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    process.stdout.write(`progress e2e: ${messages.length} messages in ${seconds.toFixed(1)} s for ${IMAGES} images\n`);

    const progress = messages.slice(0, -1);
    const final = messages.at(-1)!;
    expect(final.event).toBe('final');
    expect(dataOf(final)).toEqual({ id: taskId, status: 'completed', progress: { imagesFound: IMAGES, imagesStored: IMAGES, imagesFailed: 0 }, error: null });
    expect(progress.length).toBeGreaterThanOrEqual(3); // the counts moved for ~3 s: the client saw them move
    expect(progress.every((message) => message.event === 'progress')).toBe(true);

    const ids = messages.map((message) => Number(message.id));
    for (let n = 1; n < ids.length; n += 1) expect(ids[n]).toBeGreaterThan(ids[n - 1]);
    // Counts never go back, and the stored count reaches the end only in the final message's time.
    const stored = messages.map((message) => dataOf(message).progress.imagesStored);
    for (let n = 1; n < stored.length; n += 1) expect(stored[n]).toBeGreaterThanOrEqual(stored[n - 1]);
    // Coalesced: 40 stored images (80+ events) gave at most about four messages a second.
    expect(messages.length).toBeLessThanOrEqual(Math.ceil(seconds * 4) + 2);
    expect(messages.length).toBeLessThan(IMAGES);

    // The final message is the task as GET shows it.
    const task = await trawl.client.getTask(taskId);
    expect(dataOf(final)).toEqual({ id: task.id, status: task.status, progress: task.progress, error: task.error });
  });

  it('reconnecting with the final message\'s Last-Event-ID gets the final state once, then the stream ends', async () => {
    const final = followed.messages.at(-1)!;
    const { response, messages } = await collectEventStream(`${trawl.client.baseUrl}/api/v1/tasks/${taskId}/progress`, {
      lastEventId: final.id!, signal: AbortSignal.timeout(10_000),
    });
    expect(response.status).toBe(200);
    expect(messages.map(({ id, event, data }) => ({ id, event, data }))).toEqual([{ id: final.id, event: 'final', data: final.data }]);
  });

  it('answers an unknown or malformed task id with a 404 problem, not a stream', async () => {
    for (const id of ['6f1c2d3e-4a5b-4c6d-8e7f-001122334455', 'not-a-uuid']) {
      const response = await trawl.client.request(`/api/v1/tasks/${id}/progress`, { signal: AbortSignal.timeout(10_000) });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({ status: 404, code: 'not-found', detail: `no task with id ${id}` });
    }
  });

  it('pages the task\'s images by links.next and the Link header, keeping status and limit, to the last page', async () => {
    const seen: string[] = [];
    let path: string | null = `/api/v1/tasks/${taskId}/images?status=stored&limit=7`;
    let pages = 0;
    while (path !== null) {
      const response = await trawl.client.request(path);
      expect(response.status).toBe(200);
      const page = (await response.json()) as { items: { id: string; status: string }[]; next: string | null; links: { next: string | null } };
      seen.push(...page.items.map((image) => image.id));
      expect(page.items.every((image) => image.status === 'stored')).toBe(true);
      if (page.links.next === null) {
        expect(page.next).toBeNull();
        expect(response.headers.get('link')).toBeNull();
      } else {
        expect(page.links.next).toMatch(new RegExp(`^/api/v1/tasks/${taskId}/images\\?status=stored&limit=7&cursor=`));
        expect(response.headers.get('link')).toBe(`<${page.links.next}>; rel="next"`);
      }
      path = page.links.next;
      pages += 1;
    }
    expect(pages).toBe(Math.ceil(IMAGES / 7));
    expect(new Set(seen).size).toBe(IMAGES);
  });
});
