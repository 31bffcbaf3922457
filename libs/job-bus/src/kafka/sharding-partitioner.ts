import { Partitioners, type ICustomPartitioner, type Message } from 'kafkajs';
import { SHARD, shardHeader } from './kafka-codec';

/**
 * Kafka's default partitioner (murmur2 of the key, as the Java client), plus `OutgoingJob.shard`: shard s
 * of a key goes s partitions after the key's own, modulo the topic's partitions. Consecutive partitions,
 * rather than a hash of key and shard, so that a key with as many shards as the topic has partitions
 * covers each partition once, and however the group assigns partitions, every member gets its share.
 */
export const ShardingPartitioner: ICustomPartitioner = () => {
  const byKey = Partitioners.DefaultPartitioner();
  return (args) => {
    const own = byKey(args);
    const shard = shardOfMessage(args.message);
    if (shard === undefined || args.message.key === null || args.message.key === undefined) return own;
    return (own + shard) % args.partitionMetadata.length;
  };
};

function shardOfMessage(message: Message): number | undefined {
  const value = message.headers?.[SHARD];
  const text = Array.isArray(value) ? value[value.length - 1] : value;
  return text === undefined ? undefined : shardHeader(text.toString());
}
