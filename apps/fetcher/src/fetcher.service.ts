import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { BLOB_STORE, type BlobStore } from '@trawl/blob-store';
import { EVENT_STORE, type EventStore } from '@trawl/event-store';
import { JOB_BUS, type JobBus, type JobConsumer } from '@trawl/job-bus';
import { TRAWL_CONFIG, topicNames } from '@trawl/platform';
import type { TrawlConfig } from '@trawl/config';
import { HTTP_CLIENT, type HttpClient } from '@trawl/scraping';
import { TaskStreams, type ImageJob, type PageJob } from '@trawl/tasks';
import { fetchSettingsFrom } from './fetch-settings';
import { ImageJobHandler } from './image-job.handler';
import { PageJobHandler } from './page-job.handler';
import { TaskStateCache } from './task-state-cache';

/**
 * The fetcher role: a member of the fetchers' consumer group on the page and image job topics.
 * Page and image jobs are consumed separately so that a page with thousands of images never delays
 * other tasks' pages.
 */
@Injectable()
export class FetcherService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FetcherService.name);
  private consumers: JobConsumer[] = [];

  constructor(
    @Inject(TRAWL_CONFIG) private readonly config: TrawlConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(JOB_BUS) private readonly jobBus: JobBus,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(HTTP_CLIENT) private readonly http: HttpClient,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const settings = fetchSettingsFrom(this.config);
    const streams = new TaskStreams(this.eventStore);
    const pages = new PageJobHandler(streams, this.http, this.blobs, settings);
    const images = new ImageJobHandler(streams, new TaskStateCache(streams), this.http, this.blobs, settings);
    const env = this.config.env;
    const topics = topicNames(env.TRAWL_TOPIC_PREFIX);
    const retry = { maxAttempts: env.TRAWL_MAX_ATTEMPTS, initialDelayMs: env.TRAWL_RETRY_INITIAL_MS, maxDelayMs: env.TRAWL_RETRY_MAX_MS };
    const pageConcurrency = Math.max(1, Math.ceil(env.TRAWL_FETCH_CONCURRENCY / 4));
    this.consumers = [
      await this.jobBus.consume<PageJob>({
        topic: topics.pageJobs, group: topics.pageFetchers, concurrency: pageConcurrency, retry,
        handler: (job, context) => pages.handle(job, context),
      }),
      await this.jobBus.consume<ImageJob>({
        topic: topics.imageJobs, group: topics.imageFetchers, concurrency: env.TRAWL_FETCH_CONCURRENCY, retry,
        handler: (job, context) => images.handle(job, context),
      }),
    ];
    this.logger.log(`fetcher consuming ${topics.pageJobs} and ${topics.imageJobs}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    this.consumers = [];
  }
}
