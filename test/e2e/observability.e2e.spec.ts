import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { startFixtureSite, type FixtureSite } from '../support/fixture-site';
import { scrape } from '../support/prometheus-text';
import type { TaskBody } from '../support/trawl-client';
import { startDistributedTrawl, startEmbeddedTrawl, type TrawlDeployment } from '../support/trawl-deployment';

/** POST a task with our own X-Correlation-Id, as a client tracing its requests would. */
async function requestTask(trawl: TrawlDeployment, url: string, collect: string[], correlationId: string): Promise<{ task: TaskBody; echoed: string | null }> {
  const response = await trawl.client.request('/api/v1/tasks', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
    body: JSON.stringify({ url, collect }),
  });
  const task = (await response.json()) as TaskBody;
  if (response.status !== 202) throw new Error(`POST: ${response.status} ${JSON.stringify(task)}`);
  return { task, echoed: response.headers.get('x-correlation-id') };
}

async function ready(baseUrl: string): Promise<{ status: number; body: { status: string; checks: Record<string, { status: string; lagEvents?: number }> } }> {
  const response = await fetch(`${baseUrl}/ready`);
  return { status: response.status, body: (await response.json()) as never };
}

/** The JSON lines of a process's log file (it also holds whatever else the process printed). */
async function logLines(file: string): Promise<Array<Record<string, unknown>>> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

/** Polls until `find` returns something (log lines reach the file through a pipe, a little later). */
async function eventually<T>(find: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('e2e: observability [distributed: one process per role]', () => {
  let site: FixtureSite;
  let trawl: TrawlDeployment;
  const correlationId = `obs-${randomBytes(6).toString('hex')}`;
  let textTask: TaskBody;
  let imageTask: TaskBody;
  let flakyTask: TaskBody;

  beforeAll(async () => {
    site = await startFixtureSite();
    // One fetcher, so that its metrics and log hold every job.
    trawl = await startDistributedTrawl({ fetchers: 1 });
    const text = await requestTask(trawl, `${site.baseUrl}/pages/plain-article.html`, ['text'], correlationId);
    expect(text.echoed).toBe(correlationId);
    textTask = text.task;
    imageTask = (await requestTask(trawl, `${site.baseUrl}/pages/base-href.html`, ['text', 'images'], `${correlationId}-images`)).task;
    // Fails once with a 503, then answers: one retry.
    flakyTask = (await requestTask(trawl, `${site.baseUrl}/flaky/${correlationId}?failures=1`, ['text'], `${correlationId}-flaky`)).task;
    for (const task of [textTask, imageTask, flakyTask]) expect(await trawl.client.waitForFinal(task.id)).toMatchObject({ status: 'completed' });
  });
  afterAll(async () => {
    await trawl?.stop();
    await site?.close();
  });

  it('answers /ready on every process with the checks of its role only', async () => {
    const expectations: Record<string, string[]> = {
      api: ['blobStore', 'eventStore', 'readModels'],
      relay: ['eventStore', 'jobBus', 'readModels', 'subscription:relay'],
      'fetcher-1': ['blobStore', 'eventStore', 'jobBus'],
      projector: ['eventStore', 'readModels', 'subscription:projector'],
    };
    for (const [name, checks] of Object.entries(expectations)) {
      const { status, body } = await ready(trawl.processes.get(name)!.baseUrl);
      expect({ name, status, ready: body.status }).toEqual({ name, status: 200, ready: 'ready' });
      expect(Object.keys(body.checks).sort()).toEqual(checks);
      for (const check of Object.values(body.checks)) expect(check.status).toBe('up');
    }
    const projector = await ready(trawl.processes.get('projector')!.baseUrl);
    expect(projector.body.checks['subscription:projector'].lagEvents).toEqual(expect.any(Number));
  });

  it('counts tasks by status, requests by route and appends on the API', async () => {
    const api = await scrape(trawl.processes.get('api')!.baseUrl);
    expect(api.value('trawl_tasks{status="completed"}')).toBeGreaterThanOrEqual(3);
    expect(api.value('trawl_tasks{status="failed"}')).toBe(0);
    expect(api.sum('trawl_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/tasks', status: '202' })).toBe(3);
    expect(api.sum('trawl_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/tasks/:id' })).toBeGreaterThan(0);
    expect(api.text).not.toContain(textTask.id);
    expect(api.sum('trawl_event_store_append_seconds_count', { outcome: 'ok' })).toBeGreaterThanOrEqual(3);
    expect(api.has('process_cpu_user_seconds_total')).toBe(true);
  });

  it('records fetch durations, bytes, retries and consumer lag on the fetcher', async () => {
    const fetcher = await scrape(trawl.processes.get('fetcher-1')!.baseUrl);
    expect(fetcher.value('trawl_fetch_duration_seconds_count{kind="page",outcome="fetched"}')).toBe(3);
    expect(fetcher.value('trawl_fetch_bytes_count{kind="page",outcome="fetched"}')).toBe(3);
    expect(fetcher.value('trawl_fetch_bytes_sum{kind="page",outcome="fetched"}')).toBeGreaterThan(1000);
    expect(fetcher.value('trawl_fetch_duration_seconds_count{kind="image",outcome="stored"}')).toBeGreaterThanOrEqual(1);
    expect(fetcher.sum('trawl_fetch_duration_seconds_count', { kind: 'page', outcome: 'retry' })).toBeGreaterThanOrEqual(1);
    expect(fetcher.value('trawl_job_retries_total{kind="page"}')).toBeGreaterThanOrEqual(1);
    const lag = `trawl_job_consumer_lag{topic="${trawl.env.TRAWL_TOPIC_PREFIX}.jobs.pages"}`;
    await eventually(async () => ((await scrape(trawl.processes.get('fetcher-1')!.baseUrl)).value(lag) === 0 ? true : undefined), `${lag} 0`);
    expect(fetcher.sum('trawl_event_store_append_seconds_count')).toBeGreaterThan(0);
  });

  it('reports images per completed task on the relay, and both subscriptions\' lag', async () => {
    const relay = await scrape(trawl.processes.get('relay')!.baseUrl);
    expect(relay.value('trawl_images_per_task_count')).toBeGreaterThanOrEqual(3);
    expect(relay.value('trawl_images_per_task_sum')).toBeGreaterThanOrEqual(1);
    expect(relay.value('trawl_subscription_lag_events{subscription="relay"}')).toEqual(expect.any(Number));
    const lag = 'trawl_subscription_lag_events{subscription="projector"}';
    await eventually(async () => ((await scrape(trawl.processes.get('projector')!.baseUrl)).value(lag) === 0 ? true : undefined), `${lag} 0`);
  });

  it('logs JSON lines: the API request with the caller\'s correlation id, the fetcher\'s job outcome with task and correlation id', async () => {
    const apiLine = await eventually(
      async () => (await logLines(trawl.processes.get('api')!.logFile)).find((line) => line.correlationId === correlationId && line.route === '/api/v1/tasks'),
      'the POST line in the API log',
    );
    expect(apiLine).toMatchObject({ level: 'info', req: { method: 'POST' }, res: { statusCode: 202 }, durationMs: expect.any(Number) });
    const jobLine = await eventually(
      async () => (await logLines(trawl.processes.get('fetcher-1')!.logFile)).find((line) => line.taskId === textTask.id && line.outcome === 'fetched'),
      'the page job line in the fetcher log',
    );
    expect(jobLine).toMatchObject({
      level: 'info', kind: 'page', correlationId, url: `${site.baseUrl}/pages/plain-article.html`, attempt: 1,
      bytes: expect.any(Number), durationMs: expect.any(Number), msg: 'page job fetched',
    });
    const fetcherLines = await logLines(trawl.processes.get('fetcher-1')!.logFile);
    expect(fetcherLines.find((line) => line.taskId === flakyTask.id && line.outcome === 'retry')).toMatchObject({ level: 'warn', correlationId: `${correlationId}-flaky`, attempt: 1 });
    expect(fetcherLines.find((line) => line.taskId === imageTask.id && line.kind === 'image')).toMatchObject({ outcome: 'stored', imageId: expect.any(String) });
  });
});

describe('e2e: observability [embedded: every role in one process]', () => {
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

  it('serves /metrics and /ready for all roles on the API port', async () => {
    const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/pages/base-href.html`, collect: ['images'] });
    expect(await trawl.client.waitForFinal(task.id)).toMatchObject({ status: 'completed' });
    const metrics = await scrape(trawl.client.baseUrl);
    expect(metrics.value('trawl_tasks{status="completed"}')).toBe(1);
    expect(metrics.value('trawl_fetch_duration_seconds_count{kind="page",outcome="fetched"}')).toBe(1);
    expect(metrics.value('trawl_fetch_duration_seconds_count{kind="image",outcome="stored"}')).toBe(1);
    expect(metrics.value('trawl_images_per_task_count')).toBe(1);
    expect(metrics.has('trawl_job_consumer_lag')).toBe(true);
    expect(metrics.value('trawl_subscription_lag_events{subscription="relay"}')).toEqual(expect.any(Number));
    expect(metrics.value('trawl_subscription_lag_events{subscription="projector"}')).toEqual(expect.any(Number));
    const { status, body } = await ready(trawl.client.baseUrl);
    expect(status).toBe(200);
    expect(Object.keys(body.checks).sort()).toEqual(['blobStore', 'eventStore', 'jobBus', 'readModels', 'subscription:exporter', 'subscription:notifier', 'subscription:projector', 'subscription:relay']);
  });
});
