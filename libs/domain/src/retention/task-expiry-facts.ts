import type { TaskEvent } from '../events/task-events';

export interface TaskExpiryFacts {
  /** When the task last became final (a requeued task's last run counts); null while it is not. */
  finalAt: string | null;
  /** TaskRequested.expiresAt (its own, or its batch's). */
  expiresAt: string | null;
  /** A TaskExpired is in the stream already. */
  expired: boolean;
  /** A TaskBlobsReleased is in the stream already. */
  released: boolean;
}

const FINAL = new Set(['TaskCompleted', 'TaskFailed', 'TaskCancelled']);

/** What retention needs of a task's stream: the events with the time each was recorded. */
export function taskExpiryFacts(history: Iterable<{ event: TaskEvent; recordedAt: string }>): TaskExpiryFacts {
  const facts: TaskExpiryFacts = { finalAt: null, expiresAt: null, expired: false, released: false };
  for (const { event, recordedAt } of history) {
    if (event.type === 'TaskRequested') facts.expiresAt = event.data.expiresAt ?? null;
    // The first final event of a run wins (as in the task's state); a requeue starts a run anew.
    else if (FINAL.has(event.type)) facts.finalAt ??= recordedAt;
    else if (event.type === 'TaskRequeued') facts.finalAt = null;
    else if (event.type === 'TaskExpired') facts.expired = true;
    else if (event.type === 'TaskBlobsReleased') facts.released = true;
  }
  return facts;
}
