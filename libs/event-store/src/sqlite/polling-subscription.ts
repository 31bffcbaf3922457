import type { GlobalPosition, RecordedEvent, SubscribeToAllOptions, Subscription } from '../event-store.port';

/** What a polling subscription reads from, and how it hears of appends made in this process. */
export interface PollingSource {
  readAll(options: { from?: GlobalPosition; maxCount?: number }): Promise<RecordedEvent[]>;
  /** Registers a listener called after each local append; returns its removal. */
  onLocalAppend(listener: () => void): () => void;
}

export interface PollingTuning {
  /** How soon an append by another process is seen. */
  pollIntervalMs: number;
  pageSize: number;
}

/**
 * Catch-up then live, one loop: read a page after the checkpoint, hand its events to the handler one
 * by one, and when a page comes back short (caught up), sleep until a local append or the next poll.
 * Only the position of an event whose handler returned becomes the checkpoint, so delivery is
 * strictly sequential, without duplicates. Reading "position > checkpoint" cannot skip an event that
 * commits late, because appends take the write lock before they get a position (see
 * `appendInTransaction`): positions become visible in increasing order, across processes too.
 */
export class PollingSubscription implements Subscription {
  readonly closed: Promise<void>;
  private stopped = false;
  /** Set by a local append; checked before sleeping so that an append during a read is not slept through. */
  private appendedSinceRead = false;
  private wake: (() => void) | undefined;
  private readonly removeListener: () => void;

  constructor(
    private readonly source: PollingSource,
    private readonly options: SubscribeToAllOptions,
    private readonly tuning: PollingTuning,
  ) {
    this.removeListener = source.onLocalAppend(() => {
      this.appendedSinceRead = true;
      this.wake?.();
    });
    this.closed = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.closed;
  }

  private async run(): Promise<void> {
    let checkpoint = this.options.from;
    try {
      while (!this.stopped) {
        this.appendedSinceRead = false;
        const page = await this.source.readAll({ from: checkpoint, maxCount: this.tuning.pageSize });
        for (const event of page) {
          if (this.stopped) return;
          await this.options.onEvent(event);
          checkpoint = event.position;
        }
        if (page.length < this.tuning.pageSize && !this.appendedSinceRead) await this.sleep();
      }
    } catch (error) {
      this.stopped = true;
      this.report(error);
    } finally {
      this.removeListener();
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.tuning.pollIntervalMs);
      this.wake = done;
    });
  }

  /** An onError that throws must not turn into an unhandled rejection of `closed`. */
  private report(error: unknown): void {
    try {
      this.options.onError?.(error);
    } catch {
      // The subscription is already stopped; there is nobody left to tell.
    }
  }
}
