/**
 * A stable shard of `text` in [0, shards): FNV-1a (32 bits) of its UTF-16 code units. Publishers and
 * consumers compute it independently (the relay for a job's `shard`, a fetcher for the politeness
 * key of a request), so it must never change for a given text and count.
 */
export function shardOf(text: string, shards: number): number {
  if (!Number.isInteger(shards) || shards < 1) throw new RangeError(`shards must be a positive integer, got ${shards}`);
  if (shards === 1) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}
