import type { Admin } from 'kafkajs';

/** Creates topics on first use with the bus's partition count; remembers what exists. */
export class KafkaTopics {
  private readonly known = new Set<string>();

  constructor(
    private readonly admin: () => Promise<Admin>,
    private readonly partitions: number,
    private readonly replicationFactor: number | undefined,
  ) {}

  async ensure(topics: readonly string[]): Promise<void> {
    const missing = [...new Set(topics)].filter((topic) => !this.known.has(topic));
    if (missing.length === 0) return;
    const admin = await this.admin();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: this.partitions,
          ...(this.replicationFactor === undefined ? {} : { replicationFactor: this.replicationFactor }),
        })),
      });
    } catch (error) {
      // Another process may have created them between our look and our request.
      if (!isAlreadyExists(error)) throw error;
    }
    for (const topic of missing) this.known.add(topic);
  }
}

function isAlreadyExists(error: unknown): boolean {
  const { type, errors } = error as { type?: string; errors?: Array<{ type?: string }> };
  if (type === 'TOPIC_ALREADY_EXISTS') return true;
  return Array.isArray(errors) && errors.length > 0 && errors.every((e) => e.type === 'TOPIC_ALREADY_EXISTS');
}
