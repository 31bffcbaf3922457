const BLOCK = 512;
/** A tar ends with two empty blocks. */
export const TAR_END_BYTES = 2 * BLOCK;

/** Bytes one member takes in a tar: its ustar header and its body padded to whole blocks. */
export function tarMemberBytes(bodyBytes: number): number {
  return BLOCK + Math.ceil(bodyBytes / BLOCK) * BLOCK;
}

export interface ShardLimits {
  /** Largest shard, in bytes, end blocks included. A sample larger than this gets a shard of its own. */
  maxShardBytes: number;
  maxShardSamples: number;
}

export interface OpenShard {
  bytes: number;
  samples: number;
}

/**
 * True when a sample of `sampleBytes` (its members' tar bytes) must start a new shard: the open one
 * holds samples already and would pass a limit. A sample is never split across shards.
 */
export function startsNewShard(shard: OpenShard | null, sampleBytes: number, limits: ShardLimits): boolean {
  if (shard === null) return true;
  if (shard.samples === 0) return false;
  if (shard.samples >= limits.maxShardSamples) return true;
  return shard.bytes + sampleBytes + TAR_END_BYTES > limits.maxShardBytes;
}

/** The shard's file name: `{prefix}-000042.tar` (six digits, as WebDataset's brace patterns expect). */
export function shardName(prefix: string, index: number): string {
  return `${prefix}-${String(index).padStart(6, '0')}.tar`;
}
