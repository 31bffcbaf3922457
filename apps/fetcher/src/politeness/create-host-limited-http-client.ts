import type { TrawlConfig } from '@trawl/config';
import { hostShardsOf, shardConcurrency } from '@trawl/job-bus';
import type { HttpClient } from '@trawl/scraping';
import { HostLimitedHttpClient } from './host-limited-http-client';
import { HostLimiter } from './host-limiter';

/**
 * The fetcher's per-host limits from its configuration: TRAWL_HOST_CONCURRENCY and TRAWL_HOST_DELAY_MS per
 * host, or, when the deployment shards hosts (ADR 0010), per shard of a host with an equal share of the
 * concurrency, so the shards of a host together stay within its budget whichever fetchers hold them.
 */
export function createHostLimitedHttpClient(config: TrawlConfig, http: HttpClient): HostLimitedHttpClient {
  const env = config.env;
  const shards = hostShardsOf(config);
  const limiter = new HostLimiter({ concurrency: shardConcurrency(env.TRAWL_HOST_CONCURRENCY, shards), delayMs: env.TRAWL_HOST_DELAY_MS });
  return new HostLimitedHttpClient(http, limiter, shards);
}
