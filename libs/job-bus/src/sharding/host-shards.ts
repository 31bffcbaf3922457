import { keyShards } from './key-shards';

/** The settings host sharding reads: a TrawlConfig fits. */
export interface HostShardingConfig {
  env: { TRAWL_HOST_SHARDS: number; TRAWL_HOST_CONCURRENCY: number; TRAWL_HOST_DELAY_MS: number };
  jobBus: { kind: string };
}

/**
 * The shards one host's jobs spread over in this deployment (ADR 0010): on Kafka with no start delay per
 * host, up to TRAWL_HOST_SHARDS, each with an equal share of TRAWL_HOST_CONCURRENCY; else 1 (keyed by
 * host alone). The relay shards the jobs by it and the fetchers their politeness, so both must read it
 * from the same settings.
 */
export function hostShardsOf(config: HostShardingConfig): number {
  const { TRAWL_HOST_SHARDS, TRAWL_HOST_CONCURRENCY, TRAWL_HOST_DELAY_MS } = config.env;
  return keyShards({ wanted: TRAWL_HOST_SHARDS, concurrency: TRAWL_HOST_CONCURRENCY, delayMs: TRAWL_HOST_DELAY_MS, partitioned: config.jobBus.kind === 'kafka' });
}
