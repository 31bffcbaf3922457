import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@trawl/event-store';
import { steps, taskIdFromStreamName, toTaskEvent, type TaskEvent } from '@trawl/domain';
import { JOB_BUS, type JobBus } from '@trawl/job-bus';
import { CheckpointWriter, ResilientSubscription, TRAWL_CONFIG, topicNames, type TopicNames } from '@trawl/platform';
import type { TrawlConfig } from '@trawl/config';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { TaskStreams, correlationIdOf } from '@trawl/tasks';
import { CompletionTracker } from './completion-tracker';
import { jobsFor } from './dispatch-rules';
import { datasetEventFor } from './dataset-events';

const SUBSCRIPTION = 'relay';

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
  private readonly correlationIds = new Map<string, string>();
  private readonly topics: TopicNames;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(JOB_BUS) private readonly jobBus: JobBus,
    @Inject(READ_MODEL_STORE) readModels: ReadModelStore,
    @Inject(TRAWL_CONFIG) config: TrawlConfig,
  ) {
    this.topics = topicNames(config.env.TRAWL_TOPIC_PREFIX);
    this.streams = new TaskStreams(eventStore);
    this.subscription = new ResilientSubscription({
      eventStore,
      checkpoints: new CheckpointWriter(readModels, SUBSCRIPTION),
      onEvent: (event) => this.handle(event),
      onFailure: (error, retryInMs) => this.logger.warn(`relay subscription failed (${String(error)}); resubscribing in ${retryInMs} ms`),
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

  private async handle(recorded: RecordedEvent): Promise<void> {
    const taskId = taskIdFromStreamName(recorded.streamName);
    const event = toTaskEvent(recorded);
    if (taskId && event) {
      const correlationId = this.correlationIdFor(taskId, recorded);
      const { pages, images } = jobsFor(event, correlationId);
      if (pages.length) await this.jobBus.publish(this.topics.pageJobs, pages);
      if (images.length) await this.jobBus.publish(this.topics.imageJobs, images);
      const completed = await this.tracker.apply(recorded, taskId, new Date());
      if (completed) {
        await this.streams.append(taskId, [{ step: steps.completed, event: completed }], { correlationId });
      }
      const dataset = await datasetEventFor(event, recorded, this.eventStore);
      if (dataset) await this.jobBus.publish(this.topics.datasets, [{ id: recorded.id, key: taskId, payload: dataset }]);
      if (event.type === 'TaskCompleted' || event.type === 'TaskFailed' || event.type === 'TaskCancelled') {
        this.correlationIds.delete(taskId);
      }
    }
  }

  private correlationIdFor(taskId: string, recorded: RecordedEvent): string {
    const known = this.correlationIds.get(taskId);
    if (known) return known;
    const fromEvent = recorded.metadata.correlationId;
    const id = typeof fromEvent === 'string' ? fromEvent : correlationIdOf([], taskId);
    this.correlationIds.set(taskId, id);
    return id;
  }
}
