import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, exponentialBuckets } from 'prom-client';

/** What a job of the fetcher was about. */
export type FetchKind = 'page' | 'image';

/** Refreshes gauges that are read from a source on demand (counts, lags) rather than counted. */
export type Sampler = () => Promise<void>;

const SAMPLE_TIMEOUT_MS = 3000;

/**
 * Every metric trawl exports, defined in one place with its name, help and labels, in one registry
 * per process (so tests and several apps in one process never share counters). Roles record into
 * the fields; gauges that mirror a source (task counts, lags) are refreshed by samplers on scrape.
 */
export class TrawlMetrics {
  readonly registry = new Registry();

  readonly tasks = new Gauge({
    name: 'trawl_tasks',
    help: 'Tasks in the read models by status (refreshed on scrape)',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  readonly fetchDuration = new Histogram({
    name: 'trawl_fetch_duration_seconds',
    help: 'Time a fetcher spent on one job (download, store, append) by kind and outcome',
    labelNames: ['kind', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });

  readonly fetchBytes = new Histogram({
    name: 'trawl_fetch_bytes',
    help: 'Bytes downloaded for one page or image by kind and outcome',
    labelNames: ['kind', 'outcome'] as const,
    // 1 KiB .. 1 GiB, by fours.
    buckets: exponentialBuckets(1024, 4, 11),
    registers: [this.registry],
  });

  readonly imagesPerTask = new Histogram({
    name: 'trawl_images_per_task',
    help: 'Images (stored and failed) of each completed task',
    buckets: [0, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 5000],
    registers: [this.registry],
  });

  readonly jobRetries = new Counter({
    name: 'trawl_job_retries_total',
    help: 'Job deliveries that were retries of a failed attempt, by kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly jobConsumerLag = new Gauge({
    name: 'trawl_job_consumer_lag',
    help: 'Jobs published to a topic that its consumer group has not finished yet (refreshed on scrape)',
    labelNames: ['topic'] as const,
    registers: [this.registry],
  });

  readonly subscriptionLag = new Gauge({
    name: 'trawl_subscription_lag_events',
    help: 'Events in the store after the last one a subscription handled (refreshed on scrape, counted up to a bound)',
    labelNames: ['subscription'] as const,
    registers: [this.registry],
  });

  readonly eventStoreAppend = new Histogram({
    name: 'trawl_event_store_append_seconds',
    help: 'Latency of event-store appends by outcome (ok, conflict, error)',
    labelNames: ['outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly httpRequestDuration = new Histogram({
    name: 'trawl_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly samplerErrors = new Counter({
    name: 'trawl_metrics_sampler_errors_total',
    help: 'Samplers that failed or timed out on a scrape (their gauges keep the previous value)',
    labelNames: ['sampler'] as const,
    registers: [this.registry],
  });

  private readonly samplers = new Map<string, Sampler>();

  /** `defaultMetrics`: the process's CPU, memory, event-loop lag and GC metrics (off in unit tests). */
  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Registers a sampler run before every scrape; returns its removal. */
  addSampler(name: string, sampler: Sampler): () => void {
    this.samplers.set(name, sampler);
    return () => this.samplers.delete(name);
  }

  /** Runs the samplers (each bounded in time), then renders the registry in Prometheus's text format. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    await Promise.all([...this.samplers].map(([name, sampler]) => this.runSampler(name, sampler)));
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private async runSampler(name: string, sampler: Sampler): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), SAMPLE_TIMEOUT_MS);
    });
    try {
      await Promise.race([sampler(), timeout]);
    } catch {
      this.samplerErrors.inc({ sampler: name });
    } finally {
      clearTimeout(timer);
    }
  }
}
