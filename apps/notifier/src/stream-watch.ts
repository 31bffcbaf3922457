import type { RecordedEvent } from '@trawl/event-store';
import type { Notification } from './watched-task';

const FINISHED_MEMORY = 10_000;

/** How one kind of stream (tasks, batches) is folded and which of its events deserve a webhook. */
export interface WatchRules<E, S> {
  /** The stream's own event, or null for records that are not (the notifier's Webhook* records). */
  toEvent(recorded: RecordedEvent): E | null;
  evolve(state: S | null, event: E): S | null;
  isFinal(state: S): boolean;
  notificationFor(before: S | null, after: S | null, event: E): Notification | null;
  /** An event that opens a finished stream again (a task's TaskRequeued). */
  reopens?(event: E): boolean;
}

export interface StreamNotification<S> {
  state: S;
  notification: Notification;
  recorded: RecordedEvent;
}

/** The stream's own events before the recorded one (it is not at revision 0). */
export type ReadEarlier<E> = (recorded: RecordedEvent, id: string) => AsyncIterable<E> | Iterable<E> | Promise<Iterable<E>>;

/**
 * Follows every stream of one kind from the store-wide log and says which event deserves a webhook.
 * Unfinished streams are kept in memory (their folded state); one first seen mid-stream (after a restart
 * from a checkpoint) is hydrated from its events before the current one, so its first event (and the
 * webhook it carries) is never missed. A finished stream is remembered for a while, so a replay of its
 * end sends nothing more.
 */
export class StreamWatch<E, S> {
  private readonly open = new Map<string, S | null>();
  private readonly finished = new Set<string>();

  constructor(
    private readonly rules: WatchRules<E, S>,
    private readonly readEarlier: ReadEarlier<E>,
  ) {}

  async apply(recorded: RecordedEvent, id: string): Promise<StreamNotification<S> | null> {
    const event = this.rules.toEvent(recorded);
    if (!event) return null;
    if (this.rules.reopens?.(event)) this.finished.delete(id);
    if (this.finished.has(id)) return null;
    const before = await this.stateBefore(recorded, id);
    const after = this.rules.evolve(before, event);
    if (after && this.rules.isFinal(after)) {
      this.open.delete(id);
      this.rememberFinished(id);
    } else {
      this.open.set(id, after);
    }
    const notification = this.rules.notificationFor(before, after, event);
    return notification && after ? { state: after, notification, recorded } : null;
  }

  /** How many unfinished streams are held in memory. */
  get watched(): number {
    return this.open.size;
  }

  private async stateBefore(recorded: RecordedEvent, id: string): Promise<S | null> {
    if (this.open.has(id)) return this.open.get(id) ?? null;
    if (recorded.revision === 0n) return null;
    let state: S | null = null;
    const earlier = await this.readEarlier(recorded, id);
    for await (const event of earlier) state = this.rules.evolve(state, event);
    return state;
  }

  private rememberFinished(id: string): void {
    this.finished.add(id);
    if (this.finished.size > FINISHED_MEMORY) {
      const oldest = this.finished.values().next().value;
      if (oldest !== undefined) this.finished.delete(oldest);
    }
  }
}
