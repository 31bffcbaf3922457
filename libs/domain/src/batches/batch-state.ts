import type { BatchEntry, BatchEvent, BatchOptions, SettledStatus } from './batch-events';

/** A batch as its stream tells it: what the relay decides releases, settlements and the end on. */
export interface BatchState {
  batchId: string;
  options: BatchOptions;
  requestedAt: string;
  /** Entries the stream will hold once every chunk is appended. */
  expected: number;
  entries: BatchEntry[];
  /** Position of each task in `entries`, to tell a task of the batch from any other. */
  indexOf: Map<string, number>;
  chunks: Set<number>;
  /** Entries [0, released) have their tasks requested. */
  released: number;
  settled: Map<string, SettledStatus>;
  cancelled: boolean;
  completed: boolean;
}

/** Folds one event; pure apart from updating the state's collections (the caller owns the state). */
export function evolveBatch(state: BatchState | null, event: BatchEvent): BatchState | null {
  if (event.type === 'BatchRequested') {
    if (state) return state;
    const { batchId, options, requestedAt, urls } = event.data;
    return {
      batchId, options, requestedAt, expected: urls, entries: [], indexOf: new Map(), chunks: new Set(), released: 0,
      settled: new Map(), cancelled: false, completed: false,
    };
  }
  if (!state) return null;
  switch (event.type) {
    case 'BatchUrlsAdded':
      if (state.chunks.has(event.data.chunk)) break;
      state.chunks.add(event.data.chunk);
      for (const entry of event.data.entries) {
        if (state.indexOf.has(entry.taskId)) continue;
        state.indexOf.set(entry.taskId, state.entries.length);
        state.entries.push(entry);
      }
      break;
    case 'BatchTasksReleased':
      // A release decided before a cancel was seen, appended after it, releases nothing.
      if (!state.cancelled) state.released = Math.max(state.released, Math.min(event.data.upTo, state.entries.length));
      break;
    case 'BatchTaskSettled':
      if (state.indexOf.has(event.data.taskId) && !state.settled.has(event.data.taskId)) state.settled.set(event.data.taskId, event.data.status);
      break;
    case 'BatchCancelled':
      state.cancelled = true;
      break;
    case 'BatchCompleted':
      state.completed = true;
      break;
  }
  return state;
}

export function foldBatchEvents(events: readonly BatchEvent[]): BatchState | null {
  let state: BatchState | null = null;
  for (const event of events) state = evolveBatch(state, event);
  return state;
}

/** Released tasks without a final event yet: what the fairness window bounds. */
export function unfinished(state: BatchState): number {
  return state.released - state.settled.size;
}

/** Tasks per final status; after a cancel, the entries never released count as cancelled. */
export function batchCounts(state: BatchState): { tasks: number; completed: number; failed: number; cancelled: number } {
  const counts = { tasks: state.expected, completed: 0, failed: 0, cancelled: 0 };
  for (const status of state.settled.values()) counts[status] += 1;
  if (state.cancelled) counts.cancelled += state.expected - state.released;
  return counts;
}
