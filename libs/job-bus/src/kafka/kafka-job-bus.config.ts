/** Settings of the Kafka job bus. Plain JSON, so that a config can be handed to another process. */
export interface KafkaJobBusConfig {
  brokers: string[];
  clientId: string;
  /** Partitions of the topics this bus creates (jobs, retries, dead letters). Default 4. */
  partitions?: number;
  /** Replication of the topics this bus creates. Default: the broker's `default.replication.factor`. */
  replicationFactor?: number;
  /** A member silent for this long is evicted from its group (broker-bounded). Default 30 000. */
  sessionTimeoutMs?: number;
  /** How long a rebalance waits for members to rejoin. Default 60 000. */
  rebalanceTimeoutMs?: number;
  /** Default 3 000; the bus also heartbeats on a timer of this period while handlers run. */
  heartbeatIntervalMs?: number;
  /** Fetch long-poll; bounds how long stop() waits for a fetch in flight. Default 1 000. */
  maxWaitTimeMs?: number;
  /** stop() lets in-flight handlers run this long before aborting their signal. Default 30 000. */
  stopGraceMs?: number;
  /**
   * Started-but-unfinished jobs one partition may have before fetching pauses. Bounds memory, and
   * the redelivery after a crash behind a slow job (commits stop at the oldest unfinished job).
   * Default 1 000.
   */
  maxPendingPerPartition?: number;
  /** Client retries of a failing request before it surfaces (e.g. as UnavailableError). Default 5. */
  retries?: number;
  /** Default 3 000. */
  connectionTimeoutMs?: number;
}

export type ResolvedKafkaJobBusConfig = Required<Omit<KafkaJobBusConfig, 'replicationFactor'>> &
  Pick<KafkaJobBusConfig, 'replicationFactor'>;

export function resolveKafkaConfig(config: KafkaJobBusConfig): ResolvedKafkaJobBusConfig {
  return {
    partitions: 4,
    sessionTimeoutMs: 30_000,
    rebalanceTimeoutMs: 60_000,
    heartbeatIntervalMs: 3_000,
    maxWaitTimeMs: 1_000,
    stopGraceMs: 30_000,
    maxPendingPerPartition: 1_000,
    retries: 5,
    connectionTimeoutMs: 3_000,
    ...config,
  };
}
