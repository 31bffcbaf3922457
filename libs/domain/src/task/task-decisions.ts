import type { CollectKind, TaskEvent } from '../events/task-events';
import { countOutcomes, isFinal, type TaskState } from './task-state';

/**
 * Business rules as pure functions: given the state folded from the stream and a command, the events
 * to append (or a refusal). No clock, no ids, no I/O: those are passed in.
 */
export function decideRequest(input: {
  taskId: string;
  url: string;
  collect: CollectKind[];
  now: Date;
}): TaskEvent {
  return {
    type: 'TaskRequested',
    data: {
      taskId: input.taskId,
      url: input.url,
      collect: [...new Set(input.collect)],
      requestedAt: input.now.toISOString(),
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
