/** A job as the consumer sees it. */
export interface Job<Payload = unknown> {
  /** Stable across redeliveries and retries of the same job. */
  id: string;
  topic: string;
  /** Jobs with one key go to one partition: the unit of per-host politeness. */
  key: string;
  payload: Payload;
  /** 1 on first delivery; incremented on each retry after a handler failure. */
  attempt: number;
  headers: Record<string, string>;
}

export interface OutgoingJob<Payload = unknown> {
  /** Defaults to a random id. */
  id?: string;
  key: string;
  payload: Payload;
  headers?: Record<string, string>;
}

export interface JobContext {
  /** Aborted when the consumer is stopping and the job should be handed back. */
  signal: AbortSignal;
  /** Long handlers call this to tell the bus they are alive (Kafka: group heartbeat). */
  heartbeat(): Promise<void>;
}

export interface RetryPolicy {
  /** Attempts in all, the first included; then the job goes to the dead-letter topic. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface ConsumeOptions<Payload = unknown> {
  topic: string;
  group: string;
  handler: (job: Job<Payload>, context: JobContext) => Promise<void>;
  /** Jobs handled at once by this member. */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  /** Defaults to `<topic>.dead-letter`. */
  deadLetterTopic?: string;
}

export interface JobConsumer {
  /** Graceful: stop taking jobs, let in-flight ones finish (or hand them back), commit, leave. */
  stop(): Promise<void>;
}

/**
 * The job bus port: keyed jobs, consumer groups, at-least-once delivery.
 * - A job's offset/lease is committed only after its handler resolved (or it went to the dead letter).
 * - A member that dies holding a job has the job redelivered to another member of the group.
 * - A handler that throws has the job retried with exponential back-off; after `maxAttempts`
 *   the job is published to the dead-letter topic (with the last error in its headers) and committed.
 */
export interface JobBus {
  publish(topic: string, jobs: readonly OutgoingJob[]): Promise<void>;
  consume<Payload = unknown>(options: ConsumeOptions<Payload>): Promise<JobConsumer>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const JOB_BUS = Symbol('JOB_BUS');
