import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@trawl/event-store';
import { BatchStreams, batchIdFromStreamName, steps, taskIdFromStreamName, taskStreamName, toTaskEvent, type TaskEvent } from '@trawl/domain';
import { JOB_BUS, hostShardsOf, type JobBus } from '@trawl/job-bus';
import { CheckpointWriter, ResilientSubscription, SubscriptionRegistry, TRAWL_CONFIG, topicNames, type TopicNames } from '@trawl/platform';
import { TrawlMetrics } from '@trawl/metrics';
import type { TrawlConfig } from '@trawl/config';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { TaskStreams, correlationIdOf } from '@trawl/tasks';
import { CompletionTracker } from './completion-tracker';
import { jobsFor } from './dispatch-rules';
import { datasetEventFor } from './dataset-events';
import { BatchRelay } from './batch-relay';
import { RelayOutbox } from './relay-outbox';

/** Events the relay handles per batch at most: the SQLite store's page. */
const RELAY_BATCH = 256;

/** The relay's checkpoint name (also read by `trawl checkpoints`). */
export const RELAY_SUBSCRIPTION = 'relay';

/**
 * The relay reads the event store (the outbox) through a checkpointed subscription: it turns
 * TaskRequested and ImagesDiscovered into jobs, decides TaskCompleted when the last image outcome
 * arrives, and publishes finished tasks as integration events. Replays after a crash republish jobs
 * with the same ids; the workers are idempotent.
 */
@Injectable()
export class RelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RelayService.name);
  private readonly streams: TaskStreams;
  private readonly tracker: CompletionTracker;
  private readonly subscription: ResilientSubscription;
  private readonly topics: TopicNames;
  private readonly batches: BatchRelay;
  /** Shards of a host its jobs spread over (ADR 0010). */
  private readonly hostShards: number;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(JOB_BUS) private readonly jobBus: JobBus,
    @Inject(READ_MODEL_STORE) readModels: ReadModelStore,
    @Inject(TRAWL_CONFIG) config: TrawlConfig,
    subscriptions: SubscriptionRegistry,
    private readonly metrics: TrawlMetrics,
  ) {
    this.topics = topicNames(config.env.TRAWL_TOPIC_PREFIX);
    this.hostShards = hostShardsOf(config);
    this.streams = new TaskStreams(eventStore);
    this.subscription = new ResilientSubscription({
      eventStore,
      checkpoints: new CheckpointWriter(readModels, RELAY_SUBSCRIPTION),
      // In batches (a page of the store, at most): their jobs go out in one send per topic (RelayOutbox).
      onBatch: (events) => this.handleBatch(events),
      maxBatch: RELAY_BATCH,
      onFailure: (error, retryInMs) => this.logger.warn(`relay subscription failed (${String(error)}); resubscribing in ${retryInMs} ms`),
    });
    subscriptions.add(RELAY_SUBSCRIPTION, this.subscription);
    this.batches = new BatchRelay({
      batches: new BatchStreams(eventStore),
      tasks: this.streams,
      firstTaskEvent: async (taskId) => (await eventStore.readStream(taskStreamName(taskId), { maxCount: 1 }))[0],
      publishDataset: (message, recorded) => this.jobBus.publish(this.topics.datasets, [{ id: recorded.id, key: message.batchId, payload: message }]),
      window: config.env.TRAWL_BATCH_WINDOW,
    });
    this.tracker = new CompletionTracker(async (recorded) => {
      const events = await eventStore.readStream(recorded.streamName, { maxCount: Number(recorded.revision) });
      return events.map(toTaskEvent).filter((event): event is TaskEvent => event !== null);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.subscription.start();
    this.logger.log('relay subscribed');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription.stop();
  }

  /**
   * Events in store order. Their jobs and dataset messages are queued and go out together at the end
   * (before the checkpoint moves past the batch); a batch stream's event first flushes what is owed, so
   * that what it publishes or releases follows everything before it, as when each event was sent alone.
   */
  private async handleBatch(events: RecordedEvent[]): Promise<void> {
    const outbox = new RelayOutbox(this.jobBus);
    for (const recorded of events) {
      const batchId = batchIdFromStreamName(recorded.streamName);
      if (batchId) {
        await outbox.flush();
        await this.batches.onBatchEvent(recorded, batchId);
      } else {
        await this.handleTaskEvent(recorded, outbox);
      }
    }
    await outbox.flush();
  }

  private async handleTaskEvent(recorded: RecordedEvent, outbox: RelayOutbox): Promise<void> {
    const taskId = taskIdFromStreamName(recorded.streamName);
    const event = toTaskEvent(recorded);
    if (taskId && event) {
      // Every writer stores the task's correlation id in the event metadata.
      const correlationId = correlationIdOf([recorded], taskId);
      const { pages, images } = jobsFor(event, correlationId, this.hostShards);
      outbox.add(this.topics.pageJobs, pages);
      outbox.add(this.topics.imageJobs, images);
      const completed = await this.tracker.apply(recorded, taskId, new Date());
      if (completed) {
        await this.streams.append(taskId, [{ step: steps.completed, event: completed.event }], { correlationId, run: completed.run });
      }
      const dataset = await datasetEventFor(event, recorded, this.eventStore);
      if (dataset) outbox.add(this.topics.datasets, [{ id: recorded.id, key: taskId, payload: dataset }]);
      // Once per completed task (again only if a crash replays it before the checkpoint is saved).
      if (dataset?.type === 'DatasetReady') this.metrics.imagesPerTask.observe(dataset.imagesStored + dataset.imagesFailed);
      // A task of a batch settles there at its final event, which may let the batch release more.
      await this.batches.onTaskEvent(recorded, taskId, event);
    }
  }
}
