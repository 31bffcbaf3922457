import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFixtureSite, type FixtureSite } from '../support/fixture-site';
import type { TaskBody } from '../support/trawl-client';
import { startEmbeddedTrawl, type TrawlDeployment } from '../support/trawl-deployment';

/**
 * The operator CLI (`npm run trawl -- <command>`) against a running trawl, as an operator would use it:
 * a task fails on a page that is gone, the page comes back, `requeue` runs the task again and it completes;
 * `task` shows its read model; `checkpoints` shows each subscription's position and lag.
 */
describe('e2e: operator CLI [embedded]', () => {
  let site: FixtureSite;
  let flaky: { server: Server; baseUrl: string; up: boolean };
  let trawl: TrawlDeployment;

  beforeAll(async () => {
    site = await startFixtureSite();
    flaky = await startFlakyPage(site.baseUrl);
    trawl = await startEmbeddedTrawl();
  });
  afterAll(async () => {
    await trawl?.stop();
    await new Promise((resolve) => flaky?.server.close(resolve));
    await site?.close();
  });

  it('requeues a failed task whose page works again; the new run completes, with ids of its own', async () => {
    const { task } = await trawl.client.createTask({ url: `${flaky.baseUrl}/page`, collect: ['text', 'images'] });
    const failed = await trawl.client.waitForFinal(task.id);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'http-status' } });

    const shown = await trawl.cli(['task', task.id]);
    expect(shown).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: task.id, status: 'failed', error: { code: 'http-status' } });

    flaky.up = true;
    const requeued = await trawl.cli(['requeue', task.id]);
    expect(requeued).toMatchObject({ code: 0, stdout: `task ${task.id} requeued: run 2 is queued\n` });

    // The task shows as failed until the projector has applied TaskRequeued: wait for the new run's end.
    const done = await waitForStatus(trawl, task.id, (status) => status === 'completed' || status === 'cancelled');
    expect(done).toMatchObject({ status: 'completed', error: null, progress: { imagesFound: 2, imagesStored: 2, imagesFailed: 0 } });
    expect(await trawl.client.text(task.id)).toContain('The page is back');

    const events = await trawl.client.events(task.id);
    expect(events.map((event) => event.type)).toEqual([
      'TaskRequested', 'TaskStarted', 'TaskFailed',
      'TaskRequeued', 'TaskStarted', 'PageFetched', 'ImagesDiscovered', 'ImageStored', 'ImageStored', 'TaskCompleted',
    ]);
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);

    // Only a failed task goes back to the queue.
    expect(await trawl.cli(['requeue', task.id])).toMatchObject({ code: 1, stdout: `task ${task.id} is completed: only a failed task can be requeued\n` });
  });

  it('prints the checkpoints of the relay and the projector with their lag', async () => {
    const result = await trawl.cli(['checkpoints']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const { stdout } = result;
    expect(stdout).toMatch(/^head: \S+$/m);
    expect(stdout).toMatch(/^projector: checkpoint \S+, lag \d+ events$/m);
    expect(stdout).toMatch(/^relay: checkpoint \S+, lag \d+ events$/m);
  });

  it('says so when a task is unknown, and prints its usage without an id', async () => {
    expect(await trawl.cli(['task', '00000000-0000-4000-8000-000000000000'])).toMatchObject({ code: 1, stdout: expect.stringContaining('not found'), stderr: '' });
    expect(await trawl.cli(['requeue'])).toMatchObject({ code: 2, stdout: 'usage: trawl requeue <taskId>\n', stderr: '' });
  });
});

async function waitForStatus(trawl: TrawlDeployment, taskId: string, done: (status: string) => boolean, timeoutMs = 60_000): Promise<TaskBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = await trawl.client.getTask(taskId);
    if (done(task.status)) return task;
    if (Date.now() > deadline) throw new Error(`task ${taskId} still ${task.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** A page that answers 404 until `up` is set, then HTML with two images of the fixture site. */
async function startFlakyPage(fixtureSite: string): Promise<{ server: Server; baseUrl: string; up: boolean }> {
  const state = { server: undefined as unknown as Server, baseUrl: '', up: false };
  state.server = createServer((req, res) => {
    if (req.url !== '/page') return void res.writeHead(404).end();
    if (!state.up) return void res.writeHead(404, { 'content-type': 'text/html' }).end('<title>Gone</title><p>Gone for now</p>');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
      `<!doctype html><title>Back</title><p>The page is back.</p>` +
        `<img src="${fixtureSite}/slow-image/101.png?ms=0"><img src="${fixtureSite}/slow-image/102.png?ms=0">`,
    );
  });
  await new Promise<void>((resolve) => state.server.listen(0, '127.0.0.1', resolve));
  state.baseUrl = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}`;
  return state;
}
