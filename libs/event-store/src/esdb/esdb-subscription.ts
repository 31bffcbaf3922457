import {
  START,
  excludeSystemEvents,
  type AllStreamSubscription,
  type EventStoreDBClient,
  type Position,
} from '@eventstore/db-client';
import { UnavailableError } from '@trawl/errors';
import type { SubscribeToAllOptions, Subscription } from '../event-store.port';
import { comparePositions, decodePosition, isSystemEvent, toRecordedEvent, translateEsdbError } from './esdb-mapping';

/**
 * A catch-up subscription to `$all` with the server-side system-event filter. The events are pulled
 * with `for await`, so the next one is read only after the handler returned: delivery is sequential
 * and the gRPC stream applies back-pressure. Anything at or before the last delivered position is
 * skipped, which keeps the no-duplicate promise whatever the server sends at the start position.
 */
export class EsdbSubscription implements Subscription {
  readonly closed: Promise<void>;
  private stopped = false;
  private readonly stream: AllStreamSubscription;

  constructor(client: EventStoreDBClient, private readonly options: SubscribeToAllOptions) {
    const from = options.from === undefined ? undefined : decodePosition(options.from);
    this.stream = client.subscribeToAll({ fromPosition: from ?? START, filter: excludeSystemEvents() });
    this.closed = this.run(from);
  }

  /**
   * Cancels the gRPC call and destroys the local stream as well, so that the `for await` ends even if
   * the cancelled call never ends its stream; the loop swallows the resulting premature-close error.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.unsubscribe();
    this.stream.destroy();
    await this.closed;
  }

  private async run(from: Position | undefined): Promise<void> {
    let last = from;
    try {
      for await (const { event } of this.stream) {
        if (this.stopped) break;
        if (!event || isSystemEvent(event) || (last && comparePositions(event.position, last) <= 0)) continue;
        await this.options.onEvent(toRecordedEvent(event));
        last = event.position;
      }
      if (!this.stopped) this.report(new UnavailableError('EventStoreDB ended the subscription'));
    } catch (error) {
      if (!this.stopped) this.report(translateEsdbError(error));
    } finally {
      this.stopped = true;
      await this.unsubscribe();
    }
  }

  /** Cancels the gRPC call; the client ignores its own cancellation error, so this never throws. */
  private async unsubscribe(): Promise<void> {
    await this.stream.unsubscribe().catch(() => undefined);
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
