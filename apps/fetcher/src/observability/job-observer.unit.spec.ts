import type { Job, JobContext } from '@trawl/job-bus';
import { TrawlMetrics } from '@trawl/metrics';
import type { ImageJob, PageJob } from '@trawl/tasks';
import { FetchTimeoutError } from '@trawl/scraping';
import { JobObserver } from './job-observer';

type Line = { level: 'log' | 'warn'; fields: Record<string, unknown>; message: string };

function setUp() {
  const lines: Line[] = [];
  const logger = {
    log: (fields: Record<string, unknown>, message: string) => void lines.push({ level: 'log', fields, message }),
    warn: (fields: Record<string, unknown>, message: string) => void lines.push({ level: 'warn', fields, message }),
  };
  let now = 1000;
  const metrics = new TrawlMetrics({ defaultMetrics: false });
  const observer = new JobObserver(metrics, logger, () => now);
  return { lines, metrics, observer, advance: (ms: number) => (now += ms) };
}

const context = (aborted = false): JobContext => {
  const controller = new AbortController();
  if (aborted) controller.abort();
  return { signal: controller.signal, heartbeat: async () => undefined };
};

const pageJob = (attempt = 1): Job<PageJob> => ({
  id: 'job-p', topic: 'pages', key: '127.0.0.1', attempt, headers: {},
  payload: { taskId: 'task-1', url: 'http://127.0.0.1/page', collect: ['text'], correlationId: 'corr-1' } as PageJob,
});
const imageJob = (): Job<ImageJob> => ({
  id: 'job-i', topic: 'images', key: '127.0.0.1', attempt: 2, headers: {},
  payload: { taskId: 'task-1', imageId: 'img-1', url: 'http://127.0.0.1/a.png', correlationId: 'corr-1' },
});

async function value(metrics: TrawlMetrics, metric: 'fetchDuration' | 'fetchBytes' | 'jobRetries', name: string, labels: Record<string, string>) {
  // A counter's values carry no metricName: theirs is the metric's own name.
  const values = (await metrics[metric].get()).values as Array<{ value: number; labels: Record<string, string | number | undefined>; metricName?: string }>;
  return values.find((entry) => (entry.metricName ?? name) === name && Object.entries(labels).every(([key, label]) => entry.labels[key] === label))?.value;
}

describe('JobObserver', () => {
  it('logs one line per finished job with the task, url, outcome, duration, attempt and correlation id, and records the fetch', async () => {
    const { lines, metrics, observer, advance } = setUp();
    await observer.observe('page', pageJob(), context(), async () => {
      advance(250);
      return { outcome: 'fetched', bytes: 2048 };
    });
    expect(lines).toEqual([{
      level: 'log',
      message: 'page job fetched',
      fields: { kind: 'page', taskId: 'task-1', url: 'http://127.0.0.1/page', outcome: 'fetched', bytes: 2048, durationMs: 250, attempt: 1, correlationId: 'corr-1', jobId: 'job-p' },
    }]);
    expect(await value(metrics, 'fetchDuration', 'trawl_fetch_duration_seconds_sum', { kind: 'page', outcome: 'fetched' })).toBe(0.25);
    expect(await value(metrics, 'fetchBytes', 'trawl_fetch_bytes_sum', { kind: 'page', outcome: 'fetched' })).toBe(2048);
    expect(await value(metrics, 'jobRetries', 'trawl_job_retries_total', { kind: 'page' })).toBeUndefined();
  });

  it('logs a final image failure (a 404, not an image) at info, with the image id and code, and counts a retried delivery', async () => {
    const { lines, metrics, observer } = setUp();
    await observer.observe('image', imageJob(), context(), async () => ({ outcome: 'failed', errorCode: 'not-an-image' }));
    await observer.observe('image', imageJob(), context(), async () => ({ outcome: 'failed', errorCode: 'http-status' }));
    expect(lines.map((line) => line.level)).toEqual(['log', 'log']);
    expect(lines[0]).toMatchObject({ level: 'log', message: 'image job failed', fields: { imageId: 'img-1', outcome: 'failed', errorCode: 'not-an-image', attempt: 2 } });
    expect(lines[0]!.fields).not.toHaveProperty('bytes');
    expect(await value(metrics, 'jobRetries', 'trawl_job_retries_total', { kind: 'image' })).toBe(2);
    expect(await value(metrics, 'fetchBytes', 'trawl_fetch_bytes_count', { kind: 'image', outcome: 'failed' })).toBeUndefined();
  });

  it('logs a failed page (the whole task failed) at warn', async () => {
    const { lines, observer } = setUp();
    await observer.observe('page', pageJob(), context(), async () => ({ outcome: 'failed', errorCode: 'connect-refused' }));
    expect(lines).toMatchObject([{ level: 'warn', message: 'page job failed', fields: { errorCode: 'connect-refused' } }]);
  });

  it('rethrows a handler error unchanged, as a retry, or as handed back when the job was taken away', async () => {
    const { lines, metrics, observer } = setUp();
    const timeout = new FetchTimeoutError('http://127.0.0.1/page', 'total', 5000);
    await expect(observer.observe('page', pageJob(), context(), () => Promise.reject(timeout))).rejects.toBe(timeout);
    await expect(observer.observe('page', pageJob(), context(true), () => Promise.reject(new Error('aborted')))).rejects.toThrow('aborted');
    expect(lines.map(({ level, fields }) => [level, fields.outcome, fields.errorCode])).toEqual([
      ['warn', 'retry', 'timeout'],
      ['log', 'handed-back', 'internal-error'],
    ]);
    expect(await value(metrics, 'fetchDuration', 'trawl_fetch_duration_seconds_count', { kind: 'page', outcome: 'retry' })).toBe(1);
    expect(await value(metrics, 'fetchDuration', 'trawl_fetch_duration_seconds_count', { kind: 'page', outcome: 'handed-back' })).toBe(1);
  });
});
