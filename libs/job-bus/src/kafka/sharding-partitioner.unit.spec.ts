import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { encodeJob } from './kafka-codec';
import { ShardingPartitioner } from './sharding-partitioner';

const partitions = (count: number): PartitionMetadata[] =>
  Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0 }));

describe('ShardingPartitioner', () => {
  const topic = 'trawl.jobs.images';
  const partitionMetadata = partitions(12);
  const partition = (job: { key: string; shard?: number }) =>
    ShardingPartitioner()({ topic, partitionMetadata, message: encodeJob({ ...job, payload: null }) });

  it("puts a job without a shard where Kafka's default partitioner does", () => {
    const byKey = Partitioners.DefaultPartitioner();
    for (const key of ['127.0.0.1:8080', 'example.org', 'images.example.org:443']) {
      expect(partition({ key })).toBe(byKey({ topic, partitionMetadata, message: { key, value: null } }));
    }
  });

  it("puts shard s of a key s partitions after the key's own, wrapping around", () => {
    const own = partition({ key: 'example.org' });
    expect(partition({ key: 'example.org', shard: 0 })).toBe(own);
    expect(partition({ key: 'example.org', shard: 5 })).toBe((own + 5) % 12);
    expect(partition({ key: 'example.org', shard: 17 })).toBe((own + 17) % 12);
  });

  it('covers every partition once with as many shards as partitions', () => {
    const used = new Set(Array.from({ length: 12 }, (_, shard) => partition({ key: '127.0.0.1:8080', shard })));
    expect(used.size).toBe(12);
  });
});
