/** A job as the consumer sees it. */
export interface Job<Payload = unknown> {
  /** Stable across redeliveries and retries of the same job. */
  id: string;
  topic: string;
  /** Jobs with one key (and one `shard`) go to one partition: the unit of per-host politeness. */
  key: string;
  /** The shard it was published with (`OutgoingJob.shard`); absent when it had none. */
  shard?: number;
  payload: Payload;
  /**
   * 1 on first delivery; incremented on each retry after a handler failure. A redelivery after
   * a crash or a stop (the job was never finished) keeps the attempt it had.
   */
  attempt: number;
  headers: Record<string, string>;
}

export interface OutgoingJob<Payload = unknown> {
  /** Defaults to a random id. */
  id?: string;
  key: string;
  /**
   * Spreads the jobs of one key over partitions: jobs of one key and shard go to one partition, and
   * shards 0, 1, 2, … of a key go to consecutive partitions from the key's own (Kafka), so a key's
   * work is shared by as many members as it has shards (at most one per partition). A retry or dead
   * letter keeps the shard. Absent: the key's own partition. The local queue has no partitions and
   * ignores it. Pick it with `shardOf`, from something the consumer can compute again.
   */
  shard?: number;
  payload: Payload;
  headers?: Record<string, string>;
}

export interface JobContext {
  /**
   * Aborted when the job should be handed back: the consumer is stopping (after its grace
   * period), or the job is no longer this member's (partition revoked, lease lost). A handler
   * that then rejects is not failing: the job is left uncommitted, not retried.
   */
  signal: AbortSignal;
  /**
   * Long handlers may call this to tell the bus they are alive (Kafka: group heartbeat; local:
   * lease renewal). The bus also does it on a timer while the handler runs. Never rejects.
   */
  heartbeat(): Promise<void>;
}

export interface RetryPolicy {
  /** Attempts in all, the first included; then the job goes to the dead-letter topic. */
  maxAttempts: number;
  initialDelayMs: number;
  /** Caps the back-off, and the wait an error's `retryAfterMs` asks for (a waiting retry holds its place). */
  maxDelayMs: number;
}

export interface ConsumeOptions<Payload = unknown> {
  topic: string;
  group: string;
  handler: (job: Job<Payload>, context: JobContext) => Promise<void>;
  /** Jobs handled at once by this member (across all its partitions). Default 1. */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  /**
   * Defaults to `<topic>.dead-letter`. A dead letter keeps the job's id, key, payload and headers,
   * plus `error`, `attempts` and `original-topic` headers.
   */
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
 * - An error with a numeric `retryAfterMs` property (an HTTP 429/503 Retry-After, as HttpStatusError
 *   carries it) makes the next attempt wait at least that long, up to `RetryPolicy.maxDelayMs`.
 */
export interface JobBus {
  /** Durably stores the jobs (Kafka: acks from all in-sync replicas); the topic is created on demand. */
  publish(topic: string, jobs: readonly OutgoingJob[]): Promise<void>;
  /**
   * Adds a member to `options.group`; resolves once it is ready to receive jobs (Kafka: it has
   * joined the group). A group consuming a topic for the first time starts at its oldest job.
   */
  consume<Payload = unknown>(options: ConsumeOptions<Payload>): Promise<JobConsumer>;
  /**
   * Jobs of `topic` that `group` has not finished (Kafka: per partition, the end offset minus the
   * group's committed offset, or minus the oldest kept offset before its first commit; local: the
   * group's undeleted deliveries). Jobs being handled count until they are committed. 0 for a topic
   * nobody published to. For lag metrics.
   */
  lag(topic: string, group: string): Promise<number>;
  /** Rejects with UnavailableError when the infrastructure does not answer. */
  ping(): Promise<void>;
  /** Stops this bus's consumers (gracefully) and releases its connections. */
  close(): Promise<void>;
}

export const JOB_BUS = Symbol('JOB_BUS');
