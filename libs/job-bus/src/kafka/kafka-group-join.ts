import type { Consumer, EachBatchPayload } from 'kafkajs';

export interface GroupJoinOptions {
  topic: string;
  partitionsConsumedConcurrently: number;
  eachBatch: (payload: EachBatchPayload) => Promise<void>;
  /** Called with this member's partitions of `topic` after every (re)join of the group. */
  onAssignment: (partitions: number[]) => void;
  /** Aborting it while joining makes the join fail instead of waiting on. */
  stopSignal: AbortSignal;
}

/**
 * Subscribes and runs the consumer, and resolves once the member has joined the group: the
 * JoinGroup barrier means every other live member has rejoined too, so the group is settled.
 */
export async function joinGroup(consumer: Consumer, options: GroupJoinOptions): Promise<void> {
  const joined = new Promise<void>((resolve, reject) => {
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      options.onAssignment(payload.memberAssignment[options.topic] ?? []);
      resolve();
    });
    // A crash that kafkajs restarts from itself (a retriable error while joining, such as "the coordinator
    // is loading" or a topic whose partitions are still being created) is waited out: the join follows.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) reject(payload.error);
    });
    options.stopSignal.addEventListener('abort', () => reject(new Error('stopped before joining the group')), {
      once: true,
    });
  });
  joined.catch(() => undefined);
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic, fromBeginning: true });
  await consumer.run({
    // Offsets are resolved as jobs start (the fetch position) and committed as they finish.
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently,
    eachBatch: options.eachBatch,
  });
  await joined;
}
