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
import { RecentEvents } from './recent-events';

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
/** The newest stretch of the log kept for the process's subscriptions (see RecentEvents). */
const RECENT_ROWS = 4096;
const RECENT_CHARS = 8 * 1024 * 1024;

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
  private readonly recent = new RecentEvents(RECENT_ROWS, RECENT_CHARS);

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
      if (outcome.written) for (const listener of this.appendListeners) listener();
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

  /**
   * Each subscription of this process reads the same new events after an append: what the first one
   * read is kept (RecentEvents), and the others get it from there, plus a read of whatever follows.
   * Every reader still gets events of its own (parsed from the row), so none sees another's changes.
   */
  async readAll(options: { from?: GlobalPosition; maxCount?: number } = {}): Promise<RecordedEvent[]> {
    const from = decodePosition(options.from);
    const maxCount = pageSize(options.maxCount);
    const known = this.recent.after(from, maxCount) ?? [];
    if (known.length === maxCount) return known.map(toRecordedEvent);
    const readFrom = known.length > 0 ? known[known.length - 1].position : from;
    const read = this.eventRows(this.statements.readAll, readFrom, maxCount - known.length);
    this.recent.record(readFrom, read);
    return known.length > 0 ? [...known, ...read].map(toRecordedEvent) : read.map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    // A malformed checkpoint is the caller's bug: throw now, as the EventStoreDB adapter does.
    decodePosition(options.from);
    const source = {
      readAll: this.readAll.bind(this),
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
