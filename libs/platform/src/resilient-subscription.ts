import type { EventStore, GlobalPosition, RecordedEvent, Subscription } from '@trawl/event-store';
import { CheckpointWriter } from './checkpoint-writer';

const INITIAL_RETRY_MS = 250;
const MAX_RETRY_MS = 10_000;

export interface ResilientSubscriptionOptions {
  eventStore: EventStore;
  checkpoints: CheckpointWriter;
  onEvent: (event: RecordedEvent) => Promise<void>;
  onFailure: (error: unknown, retryInMs: number) => void;
}

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
    this.current = this.options.eventStore.subscribeToAll({
      from,
      onEvent: async (event) => {
        await this.options.onEvent(event);
        await this.options.checkpoints.advance(event.position);
        this.position = event.position;
        this.retryMs = INITIAL_RETRY_MS;
      },
      onError: (error) => {
        failed = true;
        this.healthy = false;
        this.scheduleRestart(error);
      },
    });
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
