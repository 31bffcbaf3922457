import { keyShards, shardConcurrency } from './key-shards';
import { shardOf } from './shard-of';

describe('shardOf', () => {
  it('is stable, within range, and 0 for a single shard', () => {
    const urls = Array.from({ length: 2_000 }, (_, n) => `http://127.0.0.1:8080/img/${n}.png`);
    for (const url of urls) {
      const shard = shardOf(url, 12);
      expect(shard).toBe(shardOf(url, 12));
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(12);
      expect(shardOf(url, 1)).toBe(0);
    }
  });

  it('spreads similar URLs evenly over the shards', () => {
    const counts = new Array<number>(12).fill(0);
    for (let n = 0; n < 12_000; n += 1) counts[shardOf(`http://127.0.0.1:8080/img/${n}.png`, 12)] += 1;
    // 1,000 expected per shard; a fair hash stays well within ±15 %.
    for (const count of counts) expect(Math.abs(count - 1_000)).toBeLessThan(150);
  });

  it('refuses a shard count that is not a positive integer', () => {
    expect(() => shardOf('x', 0)).toThrow(RangeError);
    expect(() => shardOf('x', 1.5)).toThrow(RangeError);
  });
});

describe('keyShards', () => {
  const budget = { wanted: 12, concurrency: 1000, delayMs: 0, partitioned: true };

  it('spreads a key with no start delay over the shards asked for', () => {
    expect(keyShards(budget)).toBe(12);
  });

  it('keeps a key whole when its starts must be spaced, or the bus has no partitions', () => {
    expect(keyShards({ ...budget, delayMs: 250 })).toBe(1);
    expect(keyShards({ ...budget, partitioned: false })).toBe(1);
    expect(keyShards({ ...budget, wanted: 1 })).toBe(1);
  });

  it('never makes more shards than the concurrency, so the shares add up to no more than it', () => {
    expect(keyShards({ ...budget, concurrency: 4 })).toBe(4);
    expect(keyShards({ ...budget, concurrency: 1 })).toBe(1);
    for (const concurrency of [1, 2, 3, 4, 5, 7, 16, 100]) {
      const shards = keyShards({ ...budget, concurrency });
      expect(shards * shardConcurrency(concurrency, shards)).toBeLessThanOrEqual(concurrency);
      expect(shardConcurrency(concurrency, shards)).toBeGreaterThanOrEqual(1);
    }
  });
});
