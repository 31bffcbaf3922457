import { setTimeout as delay } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { TrawlConfig } from '@trawl/config';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@trawl/event-store';
import { taskIdFromStreamName, taskStreamName, toTaskEvent, type TaskEvent } from '@trawl/domain';
import { ResilientSubscription, SubscriptionRegistry, TRAWL_CONFIG } from '@trawl/platform';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { WEBHOOK_TRANSPORT, type WebhookDelivery, type WebhookTransport } from '@trawl/webhooks';
import { DeliveryJournal } from './delivery-journal';
import { HeldCheckpoint } from './held-checkpoint';
import { ProgressCoalescer } from './progress-coalescer';
import { runDelivery, type DeliverySettings } from './run-delivery';
import { taskDelivery } from './task-webhook-payload';
import { TaskWatch, type TaskNotification } from './task-watch';

export const NOTIFIER_SUBSCRIPTION = 'notifier';
const RESUME_AFTER_ERROR_MS = 5_000;

/**
 * The notifier role: a checkpointed subscription that POSTs a task's final status (and, when asked,
 * its progress) to the task's webhook. Deliveries run beside the subscription, never in its way; the
 * checkpoint waits for unfinished final deliveries (HeldCheckpoint), so they resume after a restart:
 * delivery is at least once. Progress reports are best effort and not resumed.
 */
@Injectable()
export class NotifierService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotifierService.name);
  private readonly subscription: ResilientSubscription;
  private readonly checkpoint: HeldCheckpoint;
  private readonly watch: TaskWatch;
  private readonly journal: DeliveryJournal;
  private readonly progress: ProgressCoalescer<TaskNotification>;
  private readonly settings: DeliverySettings;
  private readonly apiBaseUrl: string;
  private readonly shutdown = new AbortController();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(READ_MODEL_STORE) readModels: ReadModelStore,
    @Inject(TRAWL_CONFIG) config: TrawlConfig,
    @Inject(WEBHOOK_TRANSPORT) transport: WebhookTransport,
    subscriptions: SubscriptionRegistry,
  ) {
    const { env } = config;
    this.apiBaseUrl = (env.TRAWL_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
    this.settings = {
      transport,
      secret: env.TRAWL_WEBHOOK_SECRET,
      maxAttempts: env.TRAWL_WEBHOOK_MAX_ATTEMPTS,
      baseDelayMs: env.TRAWL_WEBHOOK_RETRY_BASE_MS,
      timeoutMs: env.TRAWL_WEBHOOK_TIMEOUT_MS,
      signal: this.shutdown.signal,
    };
    this.journal = new DeliveryJournal(eventStore);
    this.checkpoint = new HeldCheckpoint(readModels, NOTIFIER_SUBSCRIPTION);
    this.watch = new TaskWatch(async (recorded) => {
      const events = await eventStore.readStream(recorded.streamName, { maxCount: Number(recorded.revision) });
      return events.map(toTaskEvent).filter((event): event is TaskEvent => event !== null);
    });
    this.progress = new ProgressCoalescer(env.TRAWL_WEBHOOK_PROGRESS_INTERVAL_MS, (report) => this.deliver(report, false));
    this.subscription = new ResilientSubscription({
      eventStore,
      checkpoints: this.checkpoint,
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
    await Promise.allSettled(this.running.values());
    await this.subscription.stop();
  }

  private async handle(recorded: RecordedEvent): Promise<void> {
    const taskId = taskIdFromStreamName(recorded.streamName);
    if (!taskId) return;
    const found = await this.watch.apply(recorded, taskId);
    if (!found) return;
    if (found.notification === 'progress') return this.progress.offer(taskId, found);
    this.progress.forget(taskId);
    this.deliver(found, true);
  }

  /** Starts a delivery beside the subscription; a final one holds the checkpoint until it ends. */
  private deliver(found: TaskNotification, final: boolean): void {
    const delivery: WebhookDelivery = taskDelivery(found.task, found.notification, found.recorded.revision, found.recorded.recordedAt, this.apiBaseUrl);
    // Held even when it cannot start (shutting down): the checkpoint must not pass a final status never sent.
    if (final) this.checkpoint.hold(delivery.id);
    if (this.running.has(delivery.id) || this.shutdown.signal.aborted) return;
    const target = { streamName: taskStreamName(found.task.taskId), ownerId: found.task.taskId };
    const run = this.runToEnd(target, delivery, final).finally(() => this.running.delete(delivery.id));
    this.running.set(delivery.id, run);
  }

  /**
   * A delivery whose record could not be written (the store is down) starts again a little later from
   * what its stream records. On shutdown the hold stays, and the next start resumes the delivery.
   */
  private async runToEnd(target: { streamName: string; ownerId: string }, delivery: WebhookDelivery, final: boolean): Promise<void> {
    while (!this.shutdown.signal.aborted) {
      try {
        await runDelivery(this.journal, target, delivery, this.settings);
        if (final) await this.checkpoint.release(delivery.id);
        return;
      } catch (error) {
        if (this.shutdown.signal.aborted) return;
        this.logger.warn(`webhook ${delivery.id} of ${target.streamName} stopped (${String(error)}); resuming in ${RESUME_AFTER_ERROR_MS} ms`);
        await delay(RESUME_AFTER_ERROR_MS, undefined, { signal: this.shutdown.signal }).catch(() => undefined);
      }
    }
  }
}
