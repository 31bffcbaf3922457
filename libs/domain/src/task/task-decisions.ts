import type { CollectKind, TaskEvent, TaskEventOf } from '../events/task-events';
import { countOutcomes, isFinal, type TaskState } from './task-state';

/**
 * Business rules as pure functions: given the state folded from the stream and a command, the events
 * to append (or a refusal). No clock, no ids, no I/O: those are passed in.
 */
export function decideRequest(input: {
  taskId: string;
  url: string;
  collect: CollectKind[];
  /** Default true: a crawler honours robots.txt unless told otherwise. */
  respectRobots?: boolean;
  now: Date;
}): TaskEvent {
  return {
    type: 'TaskRequested',
    data: {
      taskId: input.taskId,
      url: input.url,
      collect: [...new Set(input.collect)],
      requestedAt: input.now.toISOString(),
      respectRobots: input.respectRobots ?? true,
    },
  };
}

export type CancelDecision =
  | { kind: 'cancel'; event: TaskEvent }
  | { kind: 'not-found' }
  | { kind: 'already-final'; status: TaskState['status'] };

export function decideCancel(state: TaskState | null, now: Date): CancelDecision {
  if (!state) return { kind: 'not-found' };
  if (isFinal(state)) return { kind: 'already-final', status: state.status };
  return { kind: 'cancel', event: { type: 'TaskCancelled', data: { taskId: state.taskId, cancelledAt: now.toISOString() } } };
}

export type RequeueDecision =
  | { kind: 'requeue'; event: TaskEventOf<'TaskRequeued'> }
  | { kind: 'not-found' }
  | { kind: 'not-failed'; status: TaskState['status'] };

/**
 * Requeue (an operator's command, ADR 0005): only a failed task goes back to the queue, as a new run
 * that fetches the same URL for the same kinds of data.
 */
export function decideRequeue(state: TaskState | null, now: Date): RequeueDecision {
  if (!state) return { kind: 'not-found' };
  if (state.status !== 'failed') return { kind: 'not-failed', status: state.status };
  const { taskId, url, collect } = state;
  return {
    kind: 'requeue',
    event: { type: 'TaskRequeued', data: { taskId, run: state.run + 1, url, collect: [...collect], requeuedAt: now.toISOString() } },
  };
}

/** Images still waiting for an outcome. */
export function pendingImageCount(state: TaskState): number {
  return state.discovered.size - state.outcomes.size;
}

/**
 * `completed` means: the page was fetched (so the text, if asked, is stored), every announced image was
 * discovered, and every discovered image has a final outcome.
 */
export function decideCompletion(state: TaskState | null, now: Date): TaskEvent | null {
  if (!state || isFinal(state) || !state.pageFetched) return null;
  if (state.discovered.size < state.imagesFound || pendingImageCount(state) > 0) return null;
  const { stored, failed } = countOutcomes(state);
  return {
    type: 'TaskCompleted',
    data: { taskId: state.taskId, imagesStored: stored, imagesFailed: failed, completedAt: now.toISOString() },
  };
}
