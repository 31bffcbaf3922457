import { shardOf } from '@trawl/job-bus';
import { hostKey } from '@trawl/tasks';

/**
 * The key a request's politeness is counted under: its host, or with host shards (ADR 0010) the URL's
 * shard of its host, `host#shard`, the same shard the relay published the URL's job with. Each shard
 * then has its own share of the host's budget, and one member holds each shard's jobs.
 */
export function politenessKey(url: string, hostShards: number): string {
  const host = hostKey(url);
  return hostShards > 1 ? `${host}#${shardOf(url, hostShards)}` : host;
}
