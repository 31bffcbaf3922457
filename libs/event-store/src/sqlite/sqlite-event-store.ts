import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
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
import { SqliteAppendThread } from './append-thread';
import { commitGroup, encodeEvent, type AppendOutcome, type PendingAppend } from './sqlite-append';
import { openEventDatabase, prepareEventStatements, translateSqliteError, type EventStatements } from './sqlite-database';
import { decodePosition, encodePosition, toRecordedEvent, type EventRow } from './sqlite-rows';
import { PollingSubscription } from './polling-subscription';
import { LogReader } from './log-reader';

export interface SqliteEventStoreOptions {
  /** A database file, shared by every process of one machine; `':memory:'` for a private store. */
  path: string;
  /** How soon a live subscription sees an append made by another process. Default 25 ms. */
  pollIntervalMs?: number;
  /** How long an append waits for another process's write lock. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** The clock stamping `recordedAt`. */
  now?: () => Date;
}

/** SQLite's "no limit" for LIMIT, and the highest revision a backwards read can start from. */
const NO_LIMIT = -1;
const MAX_REVISION = 2n ** 63n - 1n;

/**
 * The event store on one SQLite file, through Node's built-in `node:sqlite` (synchronous calls, so
 * each one holds the event loop only for the duration of a small indexed query or one append).
 * Idempotency goes beyond EventStoreDB: a batch whose ids are all in the stream succeeds whatever the
 * expected revision; an id found in another stream, or a batch found only in part, is a
 * DuplicateEventError. Subscriptions poll the file, and wake at once on appends made through this
 * instance.
 *
 * Appends are group-committed (`commitGroup`) by a writer thread (`SqliteAppendThread`): each is
 * answered only after the commit that made it durable, so nothing is acknowledged that a crash
 * could lose, and concurrent jobs share one fsync instead of queueing for one each.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: DatabaseSync;
  private readonly statements: EventStatements;
  private readonly appendListeners = new Set<() => void>();
  private readonly subscriptions = new Set<Subscription>();
  private readonly pollIntervalMs: number;
  private readonly now: () => Date;
  /** Appends to a file go through a writer thread; a private in-memory store commits on this thread. */
  private readonly writer: SqliteAppendThread | null;
  private pending: Array<{ append: PendingAppend; settle(outcome: AppendOutcome): void }> = [];
  /** Reads of the log, shared by this store's subscriptions (see LogReader). */
  private readonly log = new LogReader((from, maxCount) => this.eventRows(this.statements.readAll, from, maxCount));

  constructor(options: SqliteEventStoreOptions) {
    this.db = openEventDatabase(options.path, options.busyTimeoutMs ?? 5000);
    this.statements = prepareEventStatements(this.db);
    this.pollIntervalMs = options.pollIntervalMs ?? 25;
    this.now = options.now ?? (() => new Date());
    const inMemory = options.path === ':memory:' || options.path === '';
    this.writer = inMemory ? null : new SqliteAppendThread({ path: options.path, busyTimeoutMs: options.busyTimeoutMs ?? 5000 });
  }

  appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    let encoded;
    try {
      assertAppendable(streamName, events, expected);
      encoded = events.map(encodeEvent);
    } catch (error) {
      return Promise.reject(error);
    }
    const append = { streamName, events: encoded, expected, recordedAt: this.now() };
    return this.commit(append).then((outcome) => {
      if (!outcome.ok) throw outcome.error;
      if (outcome.written) {
        this.log.appended();
        for (const listener of this.appendListeners) listener();
      }
      return outcome.result;
    });
  }

  private commit(append: PendingAppend): Promise<AppendOutcome> {
    if (this.writer) return this.writer.append(append);
    return new Promise((settle) => {
      this.pending.push({ append, settle });
      if (this.pending.length === 1) setImmediate(() => this.commitPending());
    });
  }

  /** In memory: commits every append waiting since the last commit, in one transaction. */
  private commitPending(): void {
    const group = this.pending;
    if (group.length === 0) return;
    this.pending = [];
    const outcomes = commitGroup(this.db, this.statements, group.map((member) => member.append));
    for (const [index, outcome] of outcomes.entries()) group[index].settle(outcome);
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const statement = backwards ? this.statements.readBackwards : this.statements.readForwards;
    const from = options.fromRevision ?? (backwards ? MAX_REVISION : 0n);
    return this.rows(statement, streamName, from, options.maxCount ?? NO_LIMIT);
  }

  async readAll(options: { from?: GlobalPosition; maxCount?: number } = {}): Promise<RecordedEvent[]> {
    return this.log.uncached(decodePosition(options.from), pageSize(options.maxCount)).map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    // A malformed checkpoint is the caller's bug: throw now, as the EventStoreDB adapter does.
    decodePosition(options.from);
    const source = {
      // Events of their own for each, parsed from rows the subscriptions share.
      readAll: async ({ from, maxCount }: { from?: GlobalPosition; maxCount?: number }) =>
        this.log.forSubscription(decodePosition(from), pageSize(maxCount)).map(toRecordedEvent),
      onLocalAppend: (listener: () => void) => {
        this.appendListeners.add(listener);
        return () => this.appendListeners.delete(listener);
      },
    };
    const subscription = new PollingSubscription(source, options, {
      pollIntervalMs: this.pollIntervalMs,
      pageSize: 256,
    });
    this.subscriptions.add(subscription);
    void subscription.closed.then(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async headPosition(): Promise<GlobalPosition | undefined> {
    const row = this.statements.head.get() as { position: bigint | null };
    return row.position === null ? undefined : encodePosition(row.position);
  }

  async countEventsAfter(from: GlobalPosition | undefined, limit: number): Promise<number> {
    const row = this.statements.countAfter.get(decodePosition(from), Math.max(0, Math.floor(limit))) as { n: bigint };
    return Number(row.n);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  /** Stops this store's subscriptions (each after its in-flight handler), then closes the file. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.writer?.close();
    if (this.db.isOpen) {
      this.commitPending();
      this.db.close();
    }
  }

  private rows(statement: StatementSync, ...parameters: SQLInputValue[]): RecordedEvent[] {
    return this.eventRows(statement, ...parameters).map(toRecordedEvent);
  }

  private eventRows(statement: StatementSync, ...parameters: SQLInputValue[]): EventRow[] {
    try {
      return statement.all(...parameters) as unknown as EventRow[];
    } catch (error) {
      throw translateSqliteError(error);
    }
  }
}
