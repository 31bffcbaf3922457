import type { BatchEntry, BatchEvent, BatchOptions, SettledStatus } from './batch-events';
import type { WebhookOption } from '../webhooks/webhook-option';
import { BATCH_CHUNK, batchSteps } from './batch-stream';
import { batchCounts, evolveBatch, unfinished, type BatchState } from './batch-state';

/** An event to append to a batch's stream, with the step that names its id. */
export interface BatchStepEvent {
  step: string;
  event: BatchEvent;
}

export type BatchCommand =
  | { type: 'ReleaseTasks'; window: number }
  | { type: 'SettleTask'; taskId: string; status: SettledStatus }
  | { type: 'CompleteBatch'; now: Date }
  | { type: 'CancelBatch'; now: Date };

/**
 * The fewest tasks a release adds once the first window is out (unless fewer entries are left): a
 * quarter of the window. Released one by one, every settled task cost a BatchTasksReleased of its own
 * and a TaskRequested appended alone; in steps, both come a quarter-window at a time, and the window
 * still bounds the unfinished tasks (between three quarters of it and all of it while the batch runs).
 */
export function releaseStep(window: number): number {
  return Math.max(1, Math.ceil(window / 4));
}

/**
 * The decisions on a batch, given the state folded from its stream (pure; ids come from the steps):
 * - ReleaseTasks: request more tasks while fewer than `window` released tasks are unfinished (the
 *   fairness bound: a batch never has more than `window` tasks ahead of anyone else's work), a
 *   quarter-window or more at a time (releaseStep);
 * - SettleTask: record a released task's final status, once;
 * - CompleteBatch: when every entry is in the stream and every task settled (after a cancel: every
 *   released one), once;
 * - CancelBatch: stop releasing, once, unless the batch already ended.
 */
export function decideBatch(command: BatchCommand, state: BatchState | null): BatchStepEvent[] {
  if (!state || state.completed) return [];
  const { batchId } = state;
  switch (command.type) {
    case 'ReleaseTasks': {
      if (state.cancelled) return [];
      const room = command.window - unfinished(state);
      const upTo = Math.min(state.entries.length, state.released + Math.max(0, room));
      const step = Math.min(releaseStep(command.window), state.entries.length - state.released);
      return upTo > state.released && upTo - state.released >= step ? [{ step: batchSteps.released(upTo), event: { type: 'BatchTasksReleased', data: { batchId, upTo } } }] : [];
    }
    case 'SettleTask': {
      const index = state.indexOf.get(command.taskId);
      if (index === undefined || state.settled.has(command.taskId)) return [];
      const { taskId, status } = command;
      return [{ step: batchSteps.settled(taskId), event: { type: 'BatchTaskSettled', data: { batchId, taskId, status } } }];
    }
    case 'CompleteBatch': {
      const allListed = state.entries.length >= state.expected;
      const allSettled = state.cancelled ? state.settled.size >= state.released : state.settled.size >= state.expected;
      if (!allListed || !allSettled) return [];
      return [{ step: batchSteps.completed, event: { type: 'BatchCompleted', data: { batchId, counts: batchCounts(state), completedAt: command.now.toISOString() } } }];
    }
    case 'CancelBatch':
      return state.cancelled ? [] : [{ step: batchSteps.cancelled, event: { type: 'BatchCancelled', data: { batchId, cancelledAt: command.now.toISOString() } } }];
  }
}

/**
 * What a batch request appends: BatchRequested, then the entries in chunks of BATCH_CHUNK. The
 * entries come as chunks from the caller (read back from a spool file), so no list is held whole.
 */
export function batchRequestedEvent(input: { batchId: string; options: BatchOptions; urls: number; duplicates: number; rejected: number; now: Date; webhook?: WebhookOption }): BatchStepEvent {
  const { batchId, options, urls, duplicates, rejected, now, webhook } = input;
  return { step: batchSteps.requested, event: { type: 'BatchRequested', data: { batchId, options, requestedAt: now.toISOString(), urls, duplicates, rejected, ...(webhook ? { webhook } : {}) } } };
}

export function batchUrlsAddedEvent(batchId: string, chunk: number, entries: BatchEntry[]): BatchStepEvent {
  if (entries.length > BATCH_CHUNK) throw new RangeError(`a chunk holds at most ${BATCH_CHUNK} entries`);
  return { step: batchSteps.urlsAdded(chunk), event: { type: 'BatchUrlsAdded', data: { batchId, chunk, entries } } };
}

/** The state after the events (the caller's state is updated in place: it owns it). */
export function foldBatchOnto(state: BatchState | null, events: readonly BatchStepEvent[]): BatchState | null {
  let after = state;
  for (const { event } of events) after = evolveBatch(after, event);
  return after;
}
