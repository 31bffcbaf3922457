import { startFixtureSite, type FixtureSite } from '../support/fixture-site';
import { slowImageHits, waitFor } from '../support/wait-for';
import { startDistributedTrawl, startEmbeddedTrawl, type TrawlDeployment } from '../support/trawl-deployment';
import type { TrawlClient } from '../support/trawl-client';
import type { TrawlProcess } from '../support/trawl-process';

/** TRAWL_SHUTDOWN_GRACE_MS of every e2e deployment (test/support/trawl-deployment.ts). */
const GRACE_MS = 5000;
/** What a stop may take beyond the grace: handing back aborted jobs (up to 5 s), committing, leaving the group. */
const STOP_BOUND_MS = GRACE_MS + 10_000;

/**
 * SIGTERM stops a role gracefully: it stops taking jobs, lets the ones it holds finish or hands them back
 * within the grace period, commits, closes, and exits with 0. Another fetcher (distributed) or the next
 * start on the same data (embedded) finishes the task, with no duplicate.
 */
describe('e2e: graceful shutdown [distributed: kafka, ferretdb, sqlite event store]', () => {
  const IMAGES = 24;
  let site: FixtureSite;
  let trawl: TrawlDeployment;

  beforeAll(async () => {
    site = await startFixtureSite();
    // fetcher-2 starts later, so that fetcher-1 certainly holds image jobs when it is told to stop.
    trawl = await startDistributedTrawl({ fetchers: 2, deferred: ['fetcher-2'] });
  });
  afterAll(async () => {
    await trawl?.stop();
    await site?.close();
  });

  it('a fetcher holding jobs longer than its grace exits 0 within the bound; another fetcher completes the task once', async () => {
    // Each image takes longer than the grace: the jobs fetcher-1 holds are aborted and handed back.
    const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/many-slow-images?count=${IMAGES}&ms=${GRACE_MS + 3000}`, collect: ['images'] });
    await waitFor(() => slowImageHits(site, IMAGES) >= 4, 60_000);
    await trawl.start('fetcher-2');

    const stopped = await terminate(trawl.processes.get('fetcher-1')!);
    expect(stopped).toMatchObject({ code: 0, signal: null });
    expect(stopped.ms).toBeLessThan(STOP_BOUND_MS);

    const done = await trawl.client.waitForFinal(task.id, 180_000);
    expect(done).toMatchObject({ status: 'completed', progress: { imagesFound: IMAGES, imagesStored: IMAGES, imagesFailed: 0 } });
    await expectNoDuplicates(trawl.client, task.id, IMAGES);
  });

  it('relay and projector exit 0 on SIGTERM, with their checkpoints saved up to the last event', async () => {
    const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/pages/plain-article.html`, collect: ['text'] });
    expect((await trawl.client.waitForFinal(task.id)).status).toBe('completed');
    // The relay handles TaskCompleted after the projector may have shown it; give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const name of ['relay', 'projector']) {
      const stopped = await terminate(trawl.processes.get(name)!);
      expect({ name, code: stopped.code, signal: stopped.signal }).toEqual({ name, code: 0, signal: null });
      expect(stopped.ms).toBeLessThan(STOP_BOUND_MS);
    }
    const checkpoints = await trawl.cli(['checkpoints']);
    expect(checkpoints).toMatchObject({ code: 0, stderr: '' });
    const { stdout } = checkpoints;
    expect(stdout).toMatch(/^projector: checkpoint \S+, lag 0 events$/m);
    expect(stdout).toMatch(/^relay: checkpoint \S+, lag 0 events$/m);
  });
});

describe('e2e: graceful shutdown [embedded]', () => {
  const IMAGES = 30;
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

  it('exits 0 within the bound mid-task, and the next start on the same data completes the task once', async () => {
    // Each image is quicker than the grace: the jobs in flight finish before the process exits.
    const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/many-slow-images?count=${IMAGES}&ms=1500`, collect: ['images'] });
    await waitFor(() => slowImageHits(site, IMAGES) >= 2, 60_000);
    expect((await trawl.client.getTask(task.id)).status).not.toBe('completed');

    const stopped = await terminate(trawl.processes.get('trawl')!);
    expect(stopped).toMatchObject({ code: 0, signal: null });
    expect(stopped.ms).toBeLessThan(STOP_BOUND_MS);

    await trawl.start('trawl');
    const done = await trawl.client.waitForFinal(task.id, 120_000);
    expect(done).toMatchObject({ status: 'completed', progress: { imagesStored: IMAGES, imagesFailed: 0 } });
    await expectNoDuplicates(trawl.client, task.id, IMAGES);
  });
});

/** Sends SIGTERM and waits for the exit: its code, signal and how long it took. */
async function terminate(target: TrawlProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const { child } = target;
  if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${target.name} is not running`);
  const started = Date.now();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.kill('SIGTERM');
  return { ...(await exited), ms: Date.now() - started };
}

async function expectNoDuplicates(client: TrawlClient, taskId: string, images: number): Promise<void> {
  const events = await client.events(taskId);
  expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
  expect(events.filter((event) => event.type === 'ImageStored' || event.type === 'ImageFailed')).toHaveLength(images);
  expect(events.filter((event) => event.type === 'PageFetched')).toHaveLength(1);
  expect(events.filter((event) => event.type === 'TaskCompleted')).toHaveLength(1);
  const rows = await client.images(taskId);
  expect(rows).toHaveLength(images);
  expect(new Set(rows.map((row) => row.sha256)).size).toBe(images);
}
