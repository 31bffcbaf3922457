/** What a stream remembers between two polls of the view it follows. */
export interface FollowState {
  /** Revision of the last message sent on this connection, or the client's Last-Event-ID at the start. */
  lastId: number | null;
  /** Payload of the last message sent on this connection (null before the first). */
  lastData: string | null;
  /** When the last message was sent (clock ms), null before the first. */
  lastSentAt: number | null;
}

/** The view as the stream sees it at one poll. */
export interface Observed {
  revision: number;
  final: boolean;
  data: string;
}

export type Decision = { send: null; close: false } | { send: { id: number; event: 'progress' | 'final'; data: string }; close: boolean };

const NOTHING: Decision = { send: null, close: false };

/**
 * Whether this poll sends a message. Only the latest state is ever sent: changes that come and go
 * between two messages (less than `minIntervalMs` apart) are coalesced into the next one, so a task
 * storing 500 images a second costs a client a few messages a second, not 500.
 *
 * - A final view is sent once as `final` and ends the stream, even to a client whose Last-Event-ID is
 *   that very revision: a reconnect after the end learns the end again, instead of hanging.
 * - Otherwise a view is sent only when its revision is newer than the last one the client has, and its
 *   payload differs from the last one sent here (events that change nothing the client sees, like the
 *   stored text, cost no message).
 * - There is no replay: a client resuming from an older revision gets the current state, not the steps
 *   in between.
 */
export function decide(state: FollowState, view: Observed | null, now: number, minIntervalMs: number): Decision {
  if (view === null) return NOTHING;
  if (state.lastSentAt !== null && now - state.lastSentAt < minIntervalMs) return NOTHING;
  if (view.final) return { send: { id: view.revision, event: 'final', data: view.data }, close: true };
  if (state.lastId !== null && view.revision <= state.lastId) return NOTHING;
  if (view.data === state.lastData) return NOTHING;
  return { send: { id: view.revision, event: 'progress', data: view.data }, close: false };
}

/** The state after a message was sent. */
export function afterSending(message: { id: number; data: string }, now: number): FollowState {
  return { lastId: message.id, lastData: message.data, lastSentAt: now };
}
