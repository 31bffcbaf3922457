/** What decides how far the jobs of one key may spread. */
export interface KeyBudget {
  /** Shards asked for (an operator's setting). */
  wanted: number;
  /** Requests the key's consumers may have open at once, per member (e.g. per host). */
  concurrency: number;
  /** Least time between two request starts of the key, per member; 0: none. */
  delayMs: number;
  /** Whether the bus partitions by key at all (Kafka); an unpartitioned bus gains nothing from shards. */
  partitioned: boolean;
}

/**
 * How many shards the jobs of one key spread over (pure). Each shard gets an equal share of the key's
 * concurrency, `floor(concurrency / shards)`, so at most `concurrency` shards, and the shares add up to
 * no more than the unsharded budget whichever members hold the shards. A key with a start delay stays
 * whole: splitting it would keep the rate but not the spacing of starts that the delay promises.
 */
export function keyShards(budget: KeyBudget): number {
  if (!budget.partitioned || budget.delayMs > 0) return 1;
  return Math.max(1, Math.min(Math.floor(budget.wanted), budget.concurrency));
}

/** The concurrency of one shard of a key: its equal share, at least 1. */
export function shardConcurrency(concurrency: number, shards: number): number {
  return Math.max(1, Math.floor(concurrency / shards));
}
