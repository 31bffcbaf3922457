import { WrongExpectedRevisionError } from '@trawl/errors';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  GlobalPosition,
  NewEvent,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from '@trawl/event-store';
import type { TrawlMetrics } from '@trawl/metrics';

/**
 * An EventStore that records the latency of every append in `trawl_event_store_append_seconds`,
 * whatever the adapter behind it: measured here once instead of inside each adapter. A conflict
 * (wrong expected revision) is labelled apart from errors: it is optimistic concurrency at work.
 */
export class TimedEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly metrics: TrawlMetrics,
  ) {}

  async appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult> {
    const stop = this.metrics.eventStoreAppend.startTimer();
    try {
      const result = await this.inner.appendToStream(streamName, events, options);
      stop({ outcome: 'ok' });
      return result;
    } catch (error) {
      stop({ outcome: error instanceof WrongExpectedRevisionError ? 'conflict' : 'error' });
      throw error;
    }
  }

  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamName, options);
  }

  readAll(options?: { from?: GlobalPosition; maxCount?: number }): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    return this.inner.subscribeToAll(options);
  }

  headPosition(): Promise<GlobalPosition | undefined> {
    return this.inner.headPosition();
  }

  countEventsAfter(from: GlobalPosition | undefined, limit: number): Promise<number> {
    return this.inner.countEventsAfter(from, limit);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
