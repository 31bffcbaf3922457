import type { Consumer, EachBatchPayload, KafkaMessage, Message } from 'kafkajs';
import type { ConsumeOptions, JobConsumer } from '../job-bus.port';
import { defaultDeadLetterTopic } from '../shared/dead-letter';
import { Notifier } from '../shared/notifier';
import { settledWithin } from '../shared/settled-within';
import { resolveRetryPolicy } from '../shared/retry-policy';
import { Semaphore } from '../shared/semaphore';
import type { ResolvedKafkaJobBusConfig } from './kafka-job-bus.config';
import { joinGroup } from './kafka-group-join';
import { KafkaMessageProcessor } from './kafka-message-processor';
import { OffsetCommitter } from './offset-committer';
import type { PartitionTracker } from './partition-tracker';

interface InFlight {
  tracker: PartitionTracker;
  offset: number;
  controller: AbortController;
  handling: boolean;
  settled: Promise<void>;
}

/** Once the grace period is over and signals are aborted, how long stop() still waits. */
const HAND_BACK_WAIT_MS = 5_000;
/** How often a batch blocked on a full member re-checks and heartbeats. */
const ADMISSION_POLL_MS = 500;

/**
 * One consumer-group member. Batches are not processed in place: each message is started (up to
 * `concurrency` handlers across all partitions) and the fetch position moves on, so one slow job
 * stalls neither the member nor its partition. Offsets are committed in order, up to the oldest
 * unfinished job of each partition, by the OffsetCommitter.
 */
export class KafkaJobConsumer<Payload> implements JobConsumer {
  private readonly slots: Semaphore;
  private readonly processor: KafkaMessageProcessor<Payload>;
  private readonly committer: OffsetCommitter;
  private readonly inFlight = new Set<InFlight>();
  private readonly changed = new Notifier();
  private readonly stopController = new AbortController();
  private groupHeartbeat?: () => Promise<void>;
  private heartbeatTimer?: NodeJS.Timeout;
  private stopped?: Promise<void>;

  constructor(
    private readonly consumer: Consumer,
    private readonly options: ConsumeOptions<Payload>,
    private readonly config: ResolvedKafkaJobBusConfig,
    send: (topic: string, messages: Message[]) => Promise<void>,
  ) {
    this.slots = new Semaphore(options.concurrency ?? 1);
    this.committer = new OffsetCommitter(options.topic, config.maxPendingPerPartition);
    this.processor = new KafkaMessageProcessor({
      options,
      retry: resolveRetryPolicy(options.retry),
      deadLetterTopic: options.deadLetterTopic ?? defaultDeadLetterTopic(options.topic),
      slots: this.slots,
      send,
      heartbeat: () => this.heartbeat(),
      stopSignal: this.stopController.signal,
    });
  }

  /** Resolves once this member has joined its group and received partitions. */
  async start(): Promise<void> {
    await joinGroup(this.consumer, {
      topic: this.options.topic,
      partitionsConsumedConcurrently: this.slots.size,
      eachBatch: (payload) => this.eachBatch(payload),
      onAssignment: (partitions) => {
        const revoked = this.committer.assign(partitions);
        for (const job of this.inFlight) if (revoked.has(job.tracker)) job.controller.abort();
      },
      stopSignal: this.stopController.signal,
    });
    // kafkajs heartbeats between fetches; this keeps the membership while every slot is busy.
    this.heartbeatTimer = setInterval(() => void this.tick(), this.config.heartbeatIntervalMs);
    this.heartbeatTimer.unref();
  }

  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset } = payload;
    this.groupHeartbeat = payload.heartbeat;
    this.committer.useCommit(payload.commitOffsetsIfNecessary);
    const tracker = this.committer.tracker(batch.partition);
    for (const message of batch.messages) {
      const offset = Number(message.offset);
      if (tracker.isNew(offset)) {
        if (!(await this.admit(tracker, payload))) return;
        tracker.start(offset);
        this.launch(tracker, batch.partition, message);
      }
      resolveOffset(message.offset);
    }
  }

  /** Waits for a free slot and room in the partition; false when the batch must be left. */
  private async admit(tracker: PartitionTracker, payload: EachBatchPayload): Promise<boolean> {
    for (;;) {
      const stopping = this.stopController.signal.aborted || !payload.isRunning();
      if (stopping || tracker.revoked || payload.isStale()) return false;
      if (this.slots.free > 0 && tracker.hasRoom()) return true;
      await payload.heartbeat();
      await this.changed.wait(ADMISSION_POLL_MS);
    }
  }

  private launch(tracker: PartitionTracker, partition: number, message: KafkaMessage): void {
    const offset = Number(message.offset);
    const job: InFlight = { tracker, offset, controller: new AbortController(), handling: false, settled: Promise.resolve() };
    this.inFlight.add(job);
    job.settled = this.processor
      .process(partition, message, job.controller.signal, () => (job.handling = true))
      .catch(() => 'handed-back' as const)
      .then((outcome) => {
        if (outcome === 'finished') {
          tracker.finish(offset);
          void this.committer.commit();
        }
      })
      .finally(() => {
        this.inFlight.delete(job);
        this.changed.notify();
      });
  }

  private async heartbeat(): Promise<void> {
    try {
      await this.groupHeartbeat?.();
    } catch {
      // A rebalance or a lost membership: kafkajs's own loop sees the same answer and rejoins.
    }
  }

  private async tick(): Promise<void> {
    if (this.inFlight.size > 0) await this.heartbeat();
    await this.committer.commit();
  }

  private async shutdown(): Promise<void> {
    this.stopController.abort();
    this.changed.notify();
    try {
      this.consumer.pause([{ topic: this.options.topic }]);
    } catch {
      // Not running (any more): nothing to pause.
    }
    for (const job of this.inFlight) if (!job.handling) job.controller.abort();
    await this.settled(this.config.stopGraceMs);
    for (const job of this.inFlight) job.controller.abort();
    await this.settled(HAND_BACK_WAIT_MS);
    clearInterval(this.heartbeatTimer);
    await this.committer.commit();
    await this.consumer.disconnect();
  }

  private settled(ms: number): Promise<void> {
    return settledWithin([...this.inFlight].map((job) => job.settled), ms);
  }
}
