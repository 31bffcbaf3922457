import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  type AppendExpectedRevision,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { assertAppendable, pageSize } from '../append-guards';
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
} from '../event-store.port';
import { countAllAfter, readAllPage, readHeadPosition } from './esdb-all-stream';
import { decodePosition, encodePosition, toEventData, toRecordedEvent, translateEsdbError } from './esdb-mapping';
import { EsdbSubscription } from './esdb-subscription';

export interface EsdbEventStoreOptions {
  /** An EventStoreDB / KurrentDB connection string, e.g. `esdb://127.0.0.1:2113?tls=false`. */
  url: string;
}

/**
 * The event store on EventStoreDB (or KurrentDB) through `@eventstore/db-client`.
 *
 * Idempotency is the server's: a retry with the same ids and the same expected revision as the
 * original append succeeds without writing. With `any` the server only does its best (it looks the
 * ids up in a cache of recent writes), so a late retry may write the events again; ids are also not
 * unique across streams, so DuplicateEventError is never raised here. Writers that need the
 * guarantee append with an exact revision or `no_stream`, which trawl's command handlers do.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<Subscription>();

  constructor(options: EsdbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.url);
  }

  async appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    assertAppendable(streamName, events, expected);
    try {
      const result = await this.client.appendToStream(streamName, events.map(toEventData), {
        expectedRevision: toAppendExpectedRevision(expected),
      });
      // The server may leave the position out of an idempotent (nothing written) answer.
      const position = result.position
        ? encodePosition(result.position)
        : (await this.readStream(streamName, { fromRevision: result.nextExpectedRevision, maxCount: 1 }))[0]?.position;
      if (position === undefined) throw new Error(`EventStoreDB gave no position for the append to ${streamName}`);
      return { nextExpectedRevision: result.nextExpectedRevision, position };
    } catch (error) {
      throw translateEsdbError(error);
    }
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const read = this.client.readStream(streamName, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision ?? (backwards ? END : START),
      ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
    });
    let resolved: ResolvedEvent[];
    try {
      resolved = await read.toArray();
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw translateEsdbError(error);
    }
    return resolved.flatMap(({ event }) => (event ? [toRecordedEvent(event)] : []));
  }

  async readAll(options: { from?: GlobalPosition; maxCount?: number } = {}): Promise<RecordedEvent[]> {
    const from = options.from === undefined ? undefined : decodePosition(options.from);
    return readAllPage(this.client, from, pageSize(options.maxCount));
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    const subscription = new EsdbSubscription(this.client, options);
    this.subscriptions.add(subscription);
    void subscription.closed.then(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async headPosition(): Promise<GlobalPosition | undefined> {
    const head = await readHeadPosition(this.client);
    return head && encodePosition(head);
  }

  async countEventsAfter(from: GlobalPosition | undefined, limit: number): Promise<number> {
    return countAllAfter(this.client, from === undefined ? undefined : decodePosition(from), Math.floor(limit));
  }

  /** Reads the newest record of `$all`: cheap, and it needs the same rights as subscriptions. */
  async ping(): Promise<void> {
    try {
      await this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }).toArray();
    } catch (error) {
      throw translateEsdbError(error);
    }
  }

  /** Stops this store's subscriptions (each after its in-flight handler), then closes the connection. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }
}

/** The port's literals are the client's, spelled out so that a rename on either side shows here. */
function toAppendExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}
