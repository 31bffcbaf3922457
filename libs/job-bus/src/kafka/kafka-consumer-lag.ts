import type { Admin } from 'kafkajs';

/**
 * A group's lag on a topic: per partition, the end offset minus the group's committed offset, or
 * minus the oldest kept offset when the group has not committed there yet (it starts at the oldest
 * job). A topic that does not exist has no lag; it is looked up first because asking kafkajs for
 * offsets of a missing topic retries for seconds before failing.
 */
export async function consumerLag(admin: Admin, topic: string, group: string): Promise<number> {
  if (!(await admin.listTopics()).includes(topic)) return 0;
  const [ends, committed] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId: group, topics: [topic] }),
  ]);
  const committedByPartition = new Map(
    (committed.find((entry) => entry.topic === topic)?.partitions ?? []).map((entry) => [entry.partition, Number(entry.offset)]),
  );
  let lag = 0;
  for (const { partition, high, low } of ends) {
    const oldest = Number(low);
    const offset = committedByPartition.get(partition) ?? -1;
    lag += Math.max(0, Number(high) - (offset < 0 ? oldest : Math.max(offset, oldest)));
  }
  return lag;
}
