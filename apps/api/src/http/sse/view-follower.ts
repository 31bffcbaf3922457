import { afterSending, decide, type FollowState } from './coalesce';
import { formatComment, formatMessage } from './sse-message';

/** Timers, passed in so that tests drive time by hand. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Where the stream's text goes (the HTTP response). */
export interface SseSink {
  write(chunk: string): void;
  end(): void;
}

/** How to follow one resource: read its current view, tell a final one, and turn it into the message. */
export interface ViewSource<V extends { revision: number }> {
  read(): Promise<V | null>;
  isFinal(view: V): boolean;
  toPayload(view: V): unknown;
}

export interface FollowTimings {
  /** How often the read model is read. */
  pollMs: number;
  /** Least time between two messages: changes in between are coalesced. */
  minIntervalMs: number;
  /** A comment is written after this long without any write. */
  heartbeatMs: number;
}

export const DEFAULT_TIMINGS: FollowTimings = { pollMs: 250, minIntervalMs: 250, heartbeatMs: 15_000 };

/**
 * Polls a read-model view and writes a message to the sink when the client should hear of it (see
 * `decide`), a heartbeat comment when it has been quiet, and ends the sink after the final message.
 * One poll at a time: the next is scheduled when the last read has answered, so a slow store slows
 * the stream instead of piling up reads. `stop()` (the client went away) ends the polling at once.
 */
export class ViewFollower<V extends { revision: number }> {
  private state: FollowState;
  private lastWriteAt: number;
  private timer: unknown = null;
  private stopped = false;

  constructor(
    private readonly source: ViewSource<V>,
    private readonly sink: SseSink,
    lastEventId: number | null,
    private readonly timings: FollowTimings = DEFAULT_TIMINGS,
    private readonly clock: Clock = systemClock,
    private readonly onReadError: (error: unknown) => void = () => undefined,
  ) {
    this.state = { lastId: lastEventId, lastData: null, lastSentAt: null };
    this.lastWriteAt = clock.now();
  }

  /** Observes `first` (the view read before the stream started) at once, then polls. */
  start(first: V): void {
    this.observe(first);
  }

  get running(): boolean {
    return !this.stopped;
  }

  /** Stops polling; the sink is ended unless the client is gone already (`endSink` false). */
  stop(endSink = true): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    if (endSink) this.sink.end();
  }

  private observe(view: V | null): void {
    if (this.stopped) return;
    const now = this.clock.now();
    const observed = view && { revision: view.revision, final: this.source.isFinal(view), data: JSON.stringify(this.source.toPayload(view)) };
    const decision = decide(this.state, observed, now, this.timings.minIntervalMs);
    if (decision.send) {
      this.write(formatMessage(decision.send), now);
      this.state = afterSending(decision.send, now);
      if (decision.close) return this.stop();
    } else if (now - this.lastWriteAt >= this.timings.heartbeatMs) {
      this.write(formatComment('heartbeat'), now);
    }
    this.timer = this.clock.setTimeout(() => void this.poll(), this.timings.pollMs);
  }

  private async poll(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    let view: V | null;
    try {
      view = await this.source.read();
    } catch (error) {
      // The store did not answer: end the stream; the client reconnects with its Last-Event-ID.
      this.onReadError(error);
      return this.stop();
    }
    this.observe(view);
  }

  private write(chunk: string, now: number): void {
    this.sink.write(chunk);
    this.lastWriteAt = now;
  }
}
