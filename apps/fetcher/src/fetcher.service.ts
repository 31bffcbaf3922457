import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { BLOB_STORE, type BlobStore } from '@trawl/blob-store';
import { EVENT_STORE, type EventStore } from '@trawl/event-store';
import { JOB_BUS, type JobBus, type JobConsumer } from '@trawl/job-bus';
import { TrawlMetrics } from '@trawl/metrics';
import { TRAWL_CONFIG, topicNames } from '@trawl/platform';
import type { TrawlConfig } from '@trawl/config';
import { HTTP_CLIENT, type HttpClient } from '@trawl/scraping';
import { TaskStreams, type ImageJob, type PageJob } from '@trawl/tasks';
import { fetchSettingsFrom } from './fetch-settings';
import { createFetcherHttpClients } from './opt-outs/create-fetcher-http-clients';
import { ImageJobHandler } from './image-job/image-job.handler';
import { sampleConsumerLag } from './observability/consumer-lag';
import { JobObserver } from './observability/job-observer';
import { PageJobHandler } from './page-job/page-job.handler';
import { pageParserFrom, type PageParser } from './parsing/page-parser';
import { TaskStateCache } from './image-job/task-state-cache';
import { imageUrlRegistry } from './image-job/image-url-registry';
import { pageUrlRegistry } from './page-reuse/page-url-registry';
import { CancellationWatcher } from './cancellation/cancellation-watcher';
import { TaskCancellations } from './cancellation/task-cancellations';
import { waitOutOutages } from './outage-wait';

/**
 * The fetcher role: a member of the fetchers' consumer group on the page and image job topics.
 * Page and image jobs are consumed separately so that a page with thousands of images never delays
 * other tasks' pages.
 */
@Injectable()
export class FetcherService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FetcherService.name);
  private consumers: JobConsumer[] = [];
  private stopSamplingLag?: () => void;
  private parser?: PageParser;
  private cancellationWatcher?: CancellationWatcher;

  constructor(
    @Inject(TRAWL_CONFIG) private readonly config: TrawlConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(JOB_BUS) private readonly jobBus: JobBus,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(HTTP_CLIENT) private readonly http: HttpClient,
    private readonly metrics: TrawlMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const settings = fetchSettingsFrom(this.config);
    const streams = new TaskStreams(this.eventStore);
    // A host's page and image fetches share its politeness limits; opt-outs differ (noimageai).
    const http = createFetcherHttpClients(this.config, this.http, settings);
    this.parser = pageParserFrom(this.config);
    // In the background: the consumers join meanwhile, and the first page job finds a thread and the HTTP client ready.
    void this.http.warmUp?.();
    void this.parser.warmUp().then((ready) => ready || this.logger.warn('the parsing thread failed its warm-up; the first page job starts one again'));
    const cancellations = new TaskCancellations();
    this.cancellationWatcher = new CancellationWatcher(this.eventStore, cancellations, (error) => this.logger.warn(`cancellation watcher failed (${String(error)}); cancels are seen when jobs start until it resumes`));
    await this.cancellationWatcher.start();
    const pages = new PageJobHandler(streams, http.pages, this.blobs, settings, this.parser, cancellations, pageUrlRegistry(this.eventStore));
    const images = new ImageJobHandler(streams, new TaskStateCache(streams), http.images, this.blobs, settings, cancellations, imageUrlRegistry(this.eventStore));
    const env = this.config.env;
    const topics = topicNames(env.TRAWL_TOPIC_PREFIX);
    const retry = { maxAttempts: env.TRAWL_MAX_ATTEMPTS, initialDelayMs: env.TRAWL_RETRY_INITIAL_MS, maxDelayMs: env.TRAWL_RETRY_MAX_MS };
    const pageConcurrency = Math.max(1, Math.ceil(env.TRAWL_FETCH_CONCURRENCY / 4));
    const observer = new JobObserver(this.metrics, this.logger);
    const onOutage = (error: Error, retryInMs: number) => this.logger.warn(`a dependency is unavailable (${error.message}); job held, retrying in ${retryInMs} ms`);
    this.consumers = [
      await this.jobBus.consume<PageJob>({
        topic: topics.pageJobs, group: topics.pageFetchers, concurrency: pageConcurrency, retry,
        handler: (job, context) => observer.observe('page', job, context, () => waitOutOutages(() => pages.handle(job, context), context.signal, onOutage)),
      }),
      await this.jobBus.consume<ImageJob>({
        topic: topics.imageJobs, group: topics.imageFetchers, concurrency: env.TRAWL_FETCH_CONCURRENCY, retry,
        handler: (job, context) => observer.observe('image', job, context, () => waitOutOutages(() => images.handle(job, context), context.signal, onOutage)),
      }),
    ];
    this.stopSamplingLag = sampleConsumerLag(this.metrics, this.jobBus, [
      { topic: topics.pageJobs, group: topics.pageFetchers },
      { topic: topics.imageJobs, group: topics.imageFetchers },
    ]);
    this.logger.log(`fetcher consuming ${topics.pageJobs} and ${topics.imageJobs}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopSamplingLag?.();
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    this.consumers = [];
    await this.cancellationWatcher?.stop();
    await this.parser?.close();
    await this.http.close?.();
  }
}
