import type { RecordedEvent } from '@trawl/event-store';

/**
 * Turns a subscription's one-event-at-a-time delivery into batches. An event is buffered and the
 * handler returns at once; the buffer is applied when it holds `maxBatch` events (the delivery then
 * waits for it: back-pressure) or, at the latest, once the events already read have all been handed
 * over (a setImmediate, which runs after the subscription's in-memory page is drained). So a
 * subscription catching up applies big batches, and a live one applies each event within a tick.
 *
 * Batches are applied one after another, in order. After a failed batch nothing more is applied:
 * the next `push` and every `flush` reject with the failure, and `onFailure` is told once.
 */
export class EventBatcher {
  private buffer: RecordedEvent[] = [];
  private chain: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;
  private scheduled = false;

  constructor(
    private readonly apply: (batch: RecordedEvent[]) => Promise<void>,
    private readonly maxBatch: number,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  async push(event: RecordedEvent): Promise<void> {
    if (this.failure) throw this.failure.error;
    this.buffer.push(event);
    if (this.buffer.length >= this.maxBatch) {
      await this.flush();
    } else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush().catch(() => undefined); // reported through onFailure
      });
    }
  }

  /** Applies what is buffered (after any batch in progress); rejects if a batch failed. */
  flush(): Promise<void> {
    this.chain = this.chain.then(async () => {
      if (this.failure || this.buffer.length === 0) return;
      const batch = this.buffer;
      this.buffer = [];
      try {
        await this.apply(batch);
      } catch (error) {
        this.failure = { error };
        this.onFailure(error);
      }
    });
    return this.chain.then(() => {
      if (this.failure) throw this.failure.error;
    });
  }
}
