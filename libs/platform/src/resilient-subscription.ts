import type { EventStore, GlobalPosition, RecordedEvent, Subscription } from '@trawl/event-store';
import { CheckpointWriter } from './checkpoint-writer';
import { EventBatcher } from './event-batcher';

const INITIAL_RETRY_MS = 250;
const MAX_RETRY_MS = 10_000;

export type EventHandling =
  | { onEvent: (event: RecordedEvent) => Promise<void> }
  /** Events in batches of up to `maxBatch` (see EventBatcher), for handlers that pay per write. */
  | { onBatch: (events: RecordedEvent[]) => Promise<void>; maxBatch: number };

export type ResilientSubscriptionOptions = EventHandling & {
  eventStore: EventStore;
  checkpoints: CheckpointWriter;
  onFailure: (error: unknown, retryInMs: number) => void;
};

/**
 * A checkpointed catch-up subscription that survives failures: when the store drops the connection or
 * a handler throws, it waits (exponential back-off) and resubscribes from the last saved checkpoint.
 * Events after the checkpoint are delivered again, which every subscriber tolerates (idempotent).
 */
export class ResilientSubscription {
  private current?: Subscription;
  private stopped = false;
  private retryMs = INITIAL_RETRY_MS;
  private timer?: NodeJS.Timeout;
  private batcher?: EventBatcher;
  /** The last event handled (or the checkpoint started from): where the lag is counted from. */
  private position?: GlobalPosition;
  /** Whether the subscription is live (false while waiting to resubscribe): for readiness. */
  healthy = false;

  constructor(private readonly options: ResilientSubscriptionOptions) {}

  async start(): Promise<void> {
    const from = (await this.options.checkpoints.load()) ?? undefined;
    if (this.stopped) return;
    this.position = from;
    let failed = false;
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      this.healthy = false;
      this.scheduleRestart(error);
    };
    const handled = async (event: RecordedEvent): Promise<void> => {
      await this.options.checkpoints.advance(event.position);
      this.position = event.position;
      this.retryMs = INITIAL_RETRY_MS;
    };
    let onEvent: (event: RecordedEvent) => Promise<void>;
    if ('onBatch' in this.options) {
      const { onBatch, maxBatch } = this.options;
      // A batch that fails after its events were handed over (from the timer) stops the subscription here;
      // one that fails inside a delivery fails that delivery, and the subscription reports it (onError).
      this.batcher = new EventBatcher(async (batch) => {
        await onBatch(batch);
        await handled(batch.at(-1)!);
      }, maxBatch, (error) => {
        void this.current?.stop();
        fail(error);
      });
      const batcher = this.batcher;
      onEvent = (event) => batcher.push(event);
    } else {
      const handle = this.options.onEvent;
      onEvent = async (event) => {
        await handle(event);
        await handled(event);
      };
    }
    this.current = this.options.eventStore.subscribeToAll({ from, onEvent, onError: fail });
    if (!failed) this.healthy = true;
  }

  /** Events in the store after the last one handled, counted up to `limit`. */
  lag(limit: number): Promise<number> {
    return this.options.eventStore.countEventsAfter(this.position, limit);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current?.stop();
    // What was delivered but not yet applied: applied now, or replayed by the next start.
    await this.batcher?.flush().catch(() => undefined);
    await this.options.checkpoints.flush().catch(() => undefined);
  }

  private scheduleRestart(error: unknown): void {
    if (this.stopped) return;
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    this.options.onFailure(error, delay);
    this.timer = setTimeout(() => {
      this.options.checkpoints.discardPending();
      this.start().catch((startError: unknown) => this.scheduleRestart(startError));
    }, delay);
  }
}
