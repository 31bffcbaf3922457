import type { JobBus, OutgoingJob } from '@trawl/job-bus';

/**
 * The jobs and messages the relay owes for a batch of events, published together. The relay used to
 * publish each event's jobs before reading the next event: on Kafka (acks=all) that is one round trip
 * per TaskRequested and one per final event, so a burst of 500 tasks kept the relay ~1,000 events
 * behind the store while the fetchers waited (issue 9, distributed bench). Queued here, a batch costs
 * one send per topic. The relay flushes before its checkpoint passes the batch (at-least-once: a crash
 * replays the batch and publishes again, under the same job ids), and before anything whose effects
 * should follow the messages already owed (a batch stream's events).
 */
export class RelayOutbox {
  /** Topic → messages, in the order they were owed (a Map keeps the topics' first-seen order). */
  private pending = new Map<string, OutgoingJob[]>();

  constructor(private readonly jobBus: Pick<JobBus, 'publish'>) {}

  add(topic: string, jobs: readonly OutgoingJob[]): void {
    if (jobs.length === 0) return;
    const queued = this.pending.get(topic);
    if (queued) queued.push(...jobs);
    else this.pending.set(topic, [...jobs]);
  }

  get size(): number {
    let size = 0;
    for (const jobs of this.pending.values()) size += jobs.length;
    return size;
  }

  /** Publishes what is owed, topic by topic, in order. On failure nothing is forgotten: flush again. */
  async flush(): Promise<void> {
    for (const [topic, jobs] of this.pending) {
      await this.jobBus.publish(topic, jobs);
      this.pending.delete(topic);
    }
  }
}
