import type { KafkaMessage, Message } from 'kafkajs';
import type { ConsumeOptions, Job, RetryPolicy } from '../job-bus.port';
import { abortableDelay, waitUntil } from '../shared/abortable-delay';
import { deadLetterHeaders } from '../shared/dead-letter';
import { retryDelayMs } from '../shared/retry-policy';
import { runHandler } from '../shared/run-handler';
import type { Semaphore } from '../shared/semaphore';
import { decodeJob, encodeJob, undecodableJob } from './kafka-codec';

/** How a message ended for this member: `finished` may be committed, `handed-back` may not. */
export type MessageOutcome = 'finished' | 'handed-back';

export interface MessageProcessorDeps<Payload> {
  options: ConsumeOptions<Payload>;
  retry: RetryPolicy;
  deadLetterTopic: string;
  slots: Semaphore;
  send: (topic: string, messages: Message[]) => Promise<void>;
  heartbeat: () => Promise<void>;
  /** Aborted when the consumer stops: waits give up and the job is handed back. */
  stopSignal: AbortSignal;
}

/** Wait between attempts to re-publish a retry or a dead letter while the broker is away. */
const REPUBLISH_PAUSE_MS = 1_000;

/**
 * Takes one message from fetched to finished: decode, wait out a retry's back-off, run the
 * handler in a concurrency slot, and on failure re-publish it (retry) or dead-letter it.
 */
export class KafkaMessageProcessor<Payload> {
  constructor(private readonly deps: MessageProcessorDeps<Payload>) {}

  /** `onHandling` fires when the handler starts: from then on stop() grants a grace period. */
  async process(
    partition: number,
    message: KafkaMessage,
    signal: AbortSignal,
    onHandling: () => void,
  ): Promise<MessageOutcome> {
    const { options, slots } = this.deps;
    let decoded;
    try {
      decoded = decodeJob(options.topic, partition, message);
    } catch (error) {
      const job = undecodableJob(options.topic, partition, message);
      return this.deadLetter(job, error);
    }
    if (decoded.retryGroup !== undefined && decoded.retryGroup !== options.group) return 'finished';
    if (decoded.notBefore !== undefined) {
      if (!(await waitUntil(decoded.notBefore, signal))) return 'handed-back';
    }
    if (!(await slots.acquire(signal))) return 'handed-back';
    if (signal.aborted) {
      slots.release();
      return 'handed-back';
    }
    const job = decoded.job as Job<Payload>;
    let outcome;
    try {
      onHandling();
      outcome = await runHandler(options.handler, job, { signal, heartbeat: this.deps.heartbeat });
    } finally {
      slots.release();
    }
    if (outcome.kind === 'done') return 'finished';
    if (outcome.kind === 'handed-back') return 'handed-back';
    return job.attempt < this.deps.retry.maxAttempts
      ? this.retryLater(job, outcome.error)
      : this.deadLetter(job, outcome.error);
  }

  private retryLater(job: Job, error: unknown): Promise<MessageOutcome> {
    const notBefore = Date.now() + retryDelayMs(this.deps.retry, job.attempt, error);
    const message = encodeJob(job, { attempt: job.attempt + 1, notBefore, retryGroup: this.deps.options.group });
    return this.republish(this.deps.options.topic, message);
  }

  private deadLetter(job: Job, error: unknown): Promise<MessageOutcome> {
    const message = encodeJob({ ...job, headers: deadLetterHeaders(job, error) });
    return this.republish(this.deps.deadLetterTopic, message);
  }

  /** Keeps trying until it is sent; the original is committed only after that. */
  private async republish(topic: string, message: Message): Promise<MessageOutcome> {
    for (;;) {
      try {
        await this.deps.send(topic, [message]);
        return 'finished';
      } catch {
        if (!(await abortableDelay(REPUBLISH_PAUSE_MS, this.deps.stopSignal))) return 'handed-back';
      }
    }
  }
}
