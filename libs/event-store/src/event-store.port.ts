/**
 * What a writer appends. `id` must be deterministic for a retried step: appends are idempotent by id.
 * `id` is a lowercase UUID (EventStoreDB stores ids as UUIDs); `type` must not start with `$`
 * (reserved for system events, which subscriptions never deliver); `data` must be JSON-serialisable.
 */
export interface NewEvent<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  data: Data;
  metadata?: EventMetadata;
}

export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  schemaVersion?: number;
  [key: string]: unknown;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
  streamName: string;
  /** 0-based position of the event in its stream. */
  revision: bigint;
  /** Opaque, totally ordered position in the store-wide log; what subscriptions checkpoint. */
  position: GlobalPosition;
  recordedAt: Date;
}

/**
 * An opaque checkpoint token in the store-wide log. Adapters encode their own positions
 * (SQLite: a sequence number; EventStoreDB: commit/prepare) and only they compare them.
 */
export type GlobalPosition = string;

/** `bigint`: the revision of the stream's last event. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface AppendResult {
  /** Revision of the stream's last event after the append. */
  nextExpectedRevision: bigint;
  position: GlobalPosition;
}

export interface ReadStreamOptions {
  /** Inclusive. Default: the first event forwards, the last event backwards. */
  fromRevision?: bigint;
  /** Default: no limit (the whole stream). */
  maxCount?: number;
  direction?: 'forwards' | 'backwards';
}

export interface SubscribeToAllOptions {
  /** Exclusive: deliver events after this checkpoint. Omitted: from the first event. */
  from?: GlobalPosition;
  /** Called once per event, sequentially, in global order. A throw stops the subscription. */
  onEvent: (event: RecordedEvent) => Promise<void>;
  /** Called when the subscription stops because of an error. */
  onError?: (error: unknown) => void;
}

export interface Subscription {
  /**
   * Stops delivering; resolves after the in-flight handler call (if any) returned.
   * Do not await it from inside `onEvent`: it waits for that very call.
   */
  stop(): Promise<void>;
  /** Resolves when the subscription has stopped (by stop() or by an error). */
  readonly closed: Promise<void>;
}

/**
 * The event store port. Streams are append-only; revisions start at 0.
 * - `appendToStream` with a wrong `expectedRevision` throws WrongExpectedRevisionError. An empty batch,
 *   a stream name or event type starting with `$`, or an id that is not a lowercase UUID is a
 *   programmer error (RangeError / TypeError); an id repeated within one batch is a DuplicateEventError.
 * - Idempotency: re-appending events whose ids are all already in the stream succeeds without writing
 *   and returns the stored revision. Guaranteed by every adapter when the retry uses the same expected
 *   revision as the original append; the SQLite adapter guarantees it whatever the expected revision,
 *   while EventStoreDB's is best-effort for `any` (see each adapter).
 * - `readAll` pages hold `maxCount` events (default 1000) unless the end of the log was reached.
 * - `subscribeToAll` catches up from the checkpoint, then goes live, without gaps or duplicates.
 *   System events of the underlying store are never delivered. Failures (a handler throw, the store
 *   going away) stop the subscription; the owner restarts it from its last saved checkpoint.
 */
export interface EventStore {
  appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;
  /** Events of one stream; an empty array when the stream does not exist. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** A page of the store-wide log after `from` (exclusive), in order. */
  readAll(options?: { from?: GlobalPosition; maxCount?: number }): Promise<RecordedEvent[]>;
  subscribeToAll(options: SubscribeToAllOptions): Subscription;
  /** The position of the last event in the store, or undefined when empty (for lag metrics). */
  headPosition(): Promise<GlobalPosition | undefined>;
  /**
   * How many events follow `from` (exclusive; every event when undefined) in the store-wide log,
   * counting no further than `limit`: a subscription's lag in events. The bound keeps the cost of a
   * far-behind subscriber's check bounded (EventStoreDB has to read the events to count them).
   */
  countEventsAfter(from: GlobalPosition | undefined, limit: number): Promise<number>;
  /** Cheap liveness probe for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
