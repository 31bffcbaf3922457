import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { TrawlConfig } from '@trawl/config';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@trawl/event-store';
import { BatchStreams, batchIdFromStreamName, batchStreamName, taskIdFromStreamName, taskStreamName, toTaskEvent, type BatchEvent, type TaskEvent } from '@trawl/domain';
import { ResilientSubscription, SubscriptionRegistry, TRAWL_CONFIG } from '@trawl/platform';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { WEBHOOK_TRANSPORT, type WebhookTransport } from '@trawl/webhooks';
import { batchWatch } from './batch-watch';
import { finalBatchView } from './batch-view-wait';
import { batchDelivery, batchDeliveryId } from './batch-webhook-payload';
import { DeliveryJournal } from './delivery-journal';
import { DeliveryRunner, type PendingDelivery } from './delivery-runner';
import { HeldCheckpoint } from './held-checkpoint';
import { ProgressCoalescer } from './progress-coalescer';
import { taskDelivery } from './task-webhook-payload';
import { taskWatch } from './task-watch';
import type { StreamNotification, StreamWatch } from './stream-watch';
import type { WatchedBatch } from './watched-batch';
import type { WatchedTask } from './watched-task';

export const NOTIFIER_SUBSCRIPTION = 'notifier';
/** How long a batch's final webhook waits for the projector to show the batch final (for its image counts). */
const BATCH_VIEW_WAIT_MS = 30_000;

/**
 * The notifier role: a checkpointed subscription that POSTs a task's or a batch's final status (and,
 * when asked, its progress) to its webhook. Deliveries run beside the subscription (DeliveryRunner);
 * the checkpoint waits for unfinished final deliveries (HeldCheckpoint), so they resume after a
 * restart: delivery is at least once. Progress reports are best effort and not resumed.
 */
@Injectable()
export class NotifierService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotifierService.name);
  private readonly subscription: ResilientSubscription;
  private readonly tasks: StreamWatch<TaskEvent, WatchedTask>;
  private readonly batches: StreamWatch<BatchEvent, WatchedBatch>;
  private readonly runner: DeliveryRunner;
  private readonly progress: ProgressCoalescer<PendingDelivery>;
  private readonly apiBaseUrl: string;
  private readonly shutdown = new AbortController();

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(TRAWL_CONFIG) config: TrawlConfig,
    @Inject(WEBHOOK_TRANSPORT) transport: WebhookTransport,
    subscriptions: SubscriptionRegistry,
  ) {
    const { env } = config;
    this.apiBaseUrl = (env.TRAWL_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
    const checkpoint = new HeldCheckpoint(readModels, NOTIFIER_SUBSCRIPTION);
    this.runner = new DeliveryRunner(new DeliveryJournal(eventStore), checkpoint, {
      transport,
      secret: env.TRAWL_WEBHOOK_SECRET,
      maxAttempts: env.TRAWL_WEBHOOK_MAX_ATTEMPTS,
      baseDelayMs: env.TRAWL_WEBHOOK_RETRY_BASE_MS,
      timeoutMs: env.TRAWL_WEBHOOK_TIMEOUT_MS,
      signal: this.shutdown.signal,
    }, this.logger);
    this.tasks = taskWatch(async (recorded) => {
      const events = await eventStore.readStream(recorded.streamName, { maxCount: Number(recorded.revision) });
      return events.map(toTaskEvent).filter((event): event is TaskEvent => event !== null);
    });
    const batchStreams = new BatchStreams(eventStore);
    this.batches = batchWatch((recorded, batchId) => batchStreams.read(batchId, recorded.revision));
    // Keyed by the stream: a task's and a batch's reports never displace each other.
    this.progress = new ProgressCoalescer(env.TRAWL_WEBHOOK_PROGRESS_INTERVAL_MS, (pending) => this.runner.start(pending));
    this.subscription = new ResilientSubscription({
      eventStore,
      checkpoints: checkpoint,
      onEvent: (event) => this.handle(event),
      onFailure: (error, retryInMs) => this.logger.warn(`notifier subscription failed (${String(error)}); resubscribing in ${retryInMs} ms`),
    });
    subscriptions.add(NOTIFIER_SUBSCRIPTION, this.subscription);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.subscription.start();
    this.logger.log('notifier subscribed');
  }

  /** Stops between attempts; unfinished final deliveries keep the checkpoint before them and resume on the next start. */
  async onApplicationShutdown(): Promise<void> {
    this.progress.stop();
    this.shutdown.abort(new Error('the notifier is shutting down'));
    await this.runner.drain();
    await this.subscription.stop();
  }

  private async handle(recorded: RecordedEvent): Promise<void> {
    const taskId = taskIdFromStreamName(recorded.streamName);
    if (taskId) {
      const found = await this.tasks.apply(recorded, taskId);
      if (found) this.offer(recorded.streamName, this.pendingForTask(found));
      return;
    }
    const batchId = batchIdFromStreamName(recorded.streamName);
    if (batchId) {
      const found = await this.batches.apply(recorded, batchId);
      if (found) this.offer(recorded.streamName, this.pendingForBatch(found));
    }
  }

  /** A final status starts at once (and drops the progress waiting); progress goes through the coalescer. */
  private offer(streamName: string, pending: PendingDelivery): void {
    if (!pending.final) return this.progress.offer(streamName, pending);
    this.progress.forget(streamName);
    this.runner.start(pending);
  }

  private pendingForTask({ state: task, notification, recorded }: StreamNotification<WatchedTask>): PendingDelivery {
    const delivery = taskDelivery(task, notification, recorded.revision, recorded.recordedAt, this.apiBaseUrl);
    return { id: delivery.id, target: { streamName: taskStreamName(task.taskId), ownerId: task.taskId }, final: notification === 'final', build: () => delivery };
  }

  private pendingForBatch({ state: batch, notification, recorded }: StreamNotification<WatchedBatch>): PendingDelivery {
    const final = notification === 'final';
    return {
      id: batchDeliveryId(batch, notification, recorded.revision),
      target: { streamName: batchStreamName(batch.batchId), ownerId: batch.batchId },
      final,
      build: async () => {
        const view = final
          ? await finalBatchView(this.readModels, batch.batchId, BATCH_VIEW_WAIT_MS, this.shutdown.signal)
          : await this.readModels.getBatch(batch.batchId).catch(() => null);
        return batchDelivery(batch, notification, recorded, this.apiBaseUrl, view);
      },
    };
  }
}
