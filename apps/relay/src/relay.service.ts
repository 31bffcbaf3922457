import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent, type Subscription } from '@trawl/event-store';
import { steps, taskIdFromStreamName, toTaskEvent, type TaskEvent } from '@trawl/domain';
import { JOB_BUS, type JobBus } from '@trawl/job-bus';
import { CheckpointWriter, topics } from '@trawl/platform';
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
  private readonly checkpoints: CheckpointWriter;
  private subscription?: Subscription;
  private readonly correlationIds = new Map<string, string>();

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(JOB_BUS) private readonly jobBus: JobBus,
    @Inject(READ_MODEL_STORE) readModels: ReadModelStore,
  ) {
    this.streams = new TaskStreams(eventStore);
    this.checkpoints = new CheckpointWriter(readModels, SUBSCRIPTION);
    this.tracker = new CompletionTracker(async (recorded) => {
      const events = await eventStore.readStream(recorded.streamName, { maxCount: Number(recorded.revision) });
      return events.map(toTaskEvent).filter((event): event is TaskEvent => event !== null);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const from = (await this.checkpoints.load()) ?? undefined;
    this.subscription = this.eventStore.subscribeToAll({
      from,
      onEvent: (event) => this.handle(event),
      onError: (error) => this.logger.error(`relay subscription stopped: ${String(error)}`),
    });
    this.logger.log(`relay subscribed from ${from ?? 'the start'}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
    await this.checkpoints.flush();
  }

  private async handle(recorded: RecordedEvent): Promise<void> {
    const taskId = taskIdFromStreamName(recorded.streamName);
    const event = toTaskEvent(recorded);
    if (taskId && event) {
      const correlationId = this.correlationIdFor(taskId, recorded);
      const { pages, images } = jobsFor(event, correlationId);
      if (pages.length) await this.jobBus.publish(topics.pageJobs, pages);
      if (images.length) await this.jobBus.publish(topics.imageJobs, images);
      const completed = await this.tracker.apply(recorded, taskId, new Date());
      if (completed) {
        await this.streams.append(taskId, [{ step: steps.completed, event: completed }], { correlationId });
      }
      const dataset = await datasetEventFor(event, recorded, this.eventStore);
      if (dataset) await this.jobBus.publish(topics.datasets, [{ id: recorded.id, key: taskId, payload: dataset }]);
      if (event.type === 'TaskCompleted' || event.type === 'TaskFailed' || event.type === 'TaskCancelled') {
        this.correlationIds.delete(taskId);
      }
    }
    await this.checkpoints.advance(recorded.position);
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
