import { randomUUID } from 'node:crypto';
import type { ConsumeOptions, Job, JobConsumer, RetryPolicy } from '../job-bus.port';
import { deadLetterHeaders, defaultDeadLetterTopic } from '../shared/dead-letter';
import type { Notifier } from '../shared/notifier';
import { resolveRetryPolicy, retryDelayMs } from '../shared/retry-policy';
import { settledWithin } from '../shared/settled-within';
import { runHandler, type HandlerOutcome } from '../shared/run-handler';
import type { ResolvedLocalJobBusConfig } from './local-job-bus.config';
import type { ClaimedDelivery, SqliteJobQueue } from './sqlite-job-queue';

interface Held {
  controller: AbortController;
  settled: Promise<void>;
}

/** Once the grace period is over and signals are aborted, how long stop() still waits. */
const HAND_BACK_WAIT_MS = 5_000;

/**
 * One member of a group on the SQLite queue: claims as many deliveries as it has free slots,
 * keeps their leases alive while the handlers run, and acks, retries or dead-letters each one.
 */
export class LocalJobConsumer<Payload> implements JobConsumer {
  private readonly owner = `${process.pid}-${randomUUID()}`;
  private readonly concurrency: number;
  private readonly retry: RetryPolicy;
  private readonly deadLetterTopic: string;
  private readonly held = new Map<number, Held>();
  private readonly stopping = new AbortController();
  private loop?: Promise<void>;
  private renewTimer?: NodeJS.Timeout;
  private stopped?: Promise<void>;
  /** Wakes this topic's members in the process: a job published, a slot freed. */
  private readonly wake: Notifier;

  constructor(
    private readonly queue: SqliteJobQueue,
    private readonly options: ConsumeOptions<Payload>,
    private readonly config: ResolvedLocalJobBusConfig,
    private readonly wakerOf: (topic: string) => Notifier,
  ) {
    this.wake = wakerOf(options.topic);
    this.concurrency = options.concurrency ?? 1;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) {
      throw new RangeError(`concurrency must be >= 1, got ${this.concurrency}`);
    }
    this.retry = resolveRetryPolicy(options.retry);
    this.deadLetterTopic = options.deadLetterTopic ?? defaultDeadLetterTopic(options.topic);
  }

  start(): void {
    this.loop = this.claimLoop();
    const renewEvery = Math.max(20, Math.floor(this.config.leaseMs / 3));
    this.renewTimer = setInterval(() => this.renewAll(), renewEvery);
  }

  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  private async claimLoop(): Promise<void> {
    const { topic, group } = this.options;
    while (!this.stopping.signal.aborted) {
      const free = this.concurrency - this.held.size;
      if (free > 0) {
        try {
          const now = Date.now();
          const claimed = this.queue.claim(topic, group, this.owner, free, now + this.config.leaseMs, now);
          for (const delivery of claimed) this.launch(delivery);
        } catch {
          // The file is locked or unreadable for now; the next round tries again.
        }
      }
      await this.wake.wait(this.config.pollIntervalMs);
    }
  }

  private launch(delivery: ClaimedDelivery): void {
    const controller = new AbortController();
    const held: Held = { controller, settled: Promise.resolve() };
    this.held.set(delivery.deliveryId, held);
    held.settled = this.handle(delivery, controller)
      .catch(() => undefined)
      .finally(() => {
        this.held.delete(delivery.deliveryId);
        this.wake.notify();
      });
  }

  private async handle(delivery: ClaimedDelivery, controller: AbortController): Promise<void> {
    const job = delivery.job as Job<Payload>;
    const heartbeat = async (): Promise<void> => this.renew(delivery.deliveryId, controller);
    const outcome = await runHandler(this.options.handler, job, { signal: controller.signal, heartbeat });
    this.settle(delivery.deliveryId, job, outcome);
  }

  /** Records the outcome; every statement checks the lease, so a lost lease changes nothing. */
  private settle(deliveryId: number, job: Job, outcome: HandlerOutcome): void {
    const now = Date.now();
    if (outcome.kind === 'done') return this.queue.ack(deliveryId, this.owner);
    if (outcome.kind === 'handed-back') return this.queue.release(deliveryId, this.owner, now, false);
    if (job.attempt < this.retry.maxAttempts) {
      const visibleAt = now + retryDelayMs(this.retry, job.attempt, outcome.error);
      return this.queue.release(deliveryId, this.owner, visibleAt, true);
    }
    const deadLetter = { id: job.id, key: job.key, payload: job.payload, headers: deadLetterHeaders(job, outcome.error) };
    this.queue.deadLetter(deliveryId, this.owner, this.deadLetterTopic, deadLetter, now);
    this.wakerOf(this.deadLetterTopic).notify();
  }

  private renew(deliveryId: number, controller: AbortController): void {
    try {
      if (!this.queue.renew(deliveryId, this.owner, Date.now() + this.config.leaseMs)) controller.abort();
    } catch {
      // Locked for now; the lease has slack for the next renewal.
    }
  }

  private renewAll(): void {
    for (const [deliveryId, held] of this.held) this.renew(deliveryId, held.controller);
  }

  private async shutdown(): Promise<void> {
    this.stopping.abort();
    this.wake.notify();
    await this.loop;
    await this.settled(this.config.stopGraceMs);
    for (const held of this.held.values()) held.controller.abort();
    await this.settled(HAND_BACK_WAIT_MS);
    clearInterval(this.renewTimer);
    // A handler that ignored its signal keeps running, but its job goes back to the group now.
    for (const deliveryId of this.held.keys()) this.queue.release(deliveryId, this.owner, Date.now(), false);
  }

  private settled(ms: number): Promise<void> {
    return settledWithin([...this.held.values()].map((held) => held.settled), ms);
  }
}
