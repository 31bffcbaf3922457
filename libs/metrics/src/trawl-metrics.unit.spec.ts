import { TrawlMetrics } from './trawl-metrics';

/** The value of one sample line (`name{labels} value`) of a scrape, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('TrawlMetrics', () => {
  it('defines every trawl metric with a trawl_ name and a help text', async () => {
    const metrics = new TrawlMetrics({ defaultMetrics: false });
    const all = await metrics.registry.getMetricsAsJSON();
    expect(all.map((metric) => metric.name).sort()).toEqual([
      'trawl_event_store_append_seconds',
      'trawl_fetch_bytes',
      'trawl_fetch_duration_seconds',
      'trawl_http_request_duration_seconds',
      'trawl_images_per_task',
      'trawl_job_consumer_lag',
      'trawl_job_retries_total',
      'trawl_metrics_sampler_errors_total',
      'trawl_subscription_lag_events',
      'trawl_tasks',
    ]);
    for (const metric of all) expect(metric.help.length).toBeGreaterThan(10);
  });

  it('adds the default process metrics unless told not to', async () => {
    const { body } = await new TrawlMetrics().scrape();
    expect(body).toMatch(/^process_cpu_user_seconds_total /m);
    expect(body).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect((await new TrawlMetrics({ defaultMetrics: false }).scrape()).body).not.toContain('process_cpu_user_seconds_total');
  });

  it('keeps one registry per instance: recording in one shows nowhere else', async () => {
    const [one, other] = [new TrawlMetrics({ defaultMetrics: false }), new TrawlMetrics({ defaultMetrics: false })];
    one.jobRetries.inc({ kind: 'page' });
    expect(sample((await one.scrape()).body, 'trawl_job_retries_total{kind="page"}')).toBe(1);
    expect(sample((await other.scrape()).body, 'trawl_job_retries_total{kind="page"}')).toBeUndefined();
  });

  it('renders histograms with their labels in the Prometheus text format', async () => {
    const metrics = new TrawlMetrics({ defaultMetrics: false });
    metrics.fetchDuration.observe({ kind: 'image', outcome: 'stored' }, 0.3);
    metrics.fetchBytes.observe({ kind: 'image', outcome: 'stored' }, 5000);
    const { contentType, body } = await metrics.scrape();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(body, 'trawl_fetch_duration_seconds_count{kind="image",outcome="stored"}')).toBe(1);
    expect(sample(body, 'trawl_fetch_duration_seconds_bucket{le="0.25",kind="image",outcome="stored"}')).toBe(0);
    expect(sample(body, 'trawl_fetch_duration_seconds_bucket{le="0.5",kind="image",outcome="stored"}')).toBe(1);
    expect(sample(body, 'trawl_fetch_bytes_sum{kind="image",outcome="stored"}')).toBe(5000);
  });

  it('runs the samplers before each scrape, so sampled gauges are fresh', async () => {
    const metrics = new TrawlMetrics({ defaultMetrics: false });
    let queued = 3;
    metrics.addSampler('tasks', async () => metrics.tasks.set({ status: 'queued' }, queued));
    expect(sample((await metrics.scrape()).body, 'trawl_tasks{status="queued"}')).toBe(3);
    queued = 7;
    expect(sample((await metrics.scrape()).body, 'trawl_tasks{status="queued"}')).toBe(7);
  });

  it('a failing sampler leaves its gauge as it was and is counted; the scrape still answers', async () => {
    const metrics = new TrawlMetrics({ defaultMetrics: false });
    metrics.subscriptionLag.set({ subscription: 'relay' }, 12);
    metrics.addSampler('lag', async () => {
      throw new Error('event store down');
    });
    const { body } = await metrics.scrape();
    expect(sample(body, 'trawl_subscription_lag_events{subscription="relay"}')).toBe(12);
    expect(sample(body, 'trawl_metrics_sampler_errors_total{sampler="lag"}')).toBe(1);
  });

  it('a hanging sampler is cut off after its timeout, and a removed sampler no longer runs', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'performance', 'hrtime'] });
    try {
      const metrics = new TrawlMetrics({ defaultMetrics: false });
      const remove = metrics.addSampler('stuck', () => new Promise<void>(() => undefined));
      const scraping = metrics.scrape();
      await jest.advanceTimersByTimeAsync(3000);
      expect(sample((await scraping).body, 'trawl_metrics_sampler_errors_total{sampler="stuck"}')).toBe(1);
      remove();
      expect(sample((await metrics.scrape()).body, 'trawl_metrics_sampler_errors_total{sampler="stuck"}')).toBe(1);
    } finally {
      jest.useRealTimers();
    }
  });
});
