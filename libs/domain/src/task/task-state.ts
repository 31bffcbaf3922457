import type { CollectKind, TaskEvent } from '../events/task-events';

export type TaskStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

/** What the write side needs to know about a task, folded from its stream. */
export interface TaskState {
  taskId: string;
  url: string;
  collect: CollectKind[];
  status: TaskStatus;
  /** Honour robots.txt for the page and its images (TaskRequested.respectRobots, absent = true). */
  respectRobots: boolean;
  /** 1, then one more for each requeue (TaskRequeued): names the steps of the current run. */
  run: number;
  pageFetched: boolean;
  /** How the text is cut (TaskRequested.text; absent = full text, plain). */
  text: { mode: 'full' | 'main'; format: 'text' | 'markdown' };
  /** The page as received, when kept (TRAWL_KEEP_HTML): what a re-extraction reads. */
  html: { sha256: string; bytes: number } | null;
  /** Extractions of the text so far: 1 with the page, one more per TextExtracted. */
  extractions: number;
  /** Announced by PageFetched; ImagesDiscovered chunks add up to it. */
  imagesFound: number;
  discovered: Map<string, string>;
  outcomes: Map<string, 'stored' | 'failed'>;
}

export const FINAL_STATUSES: ReadonlySet<TaskStatus> = new Set(['completed', 'failed', 'cancelled']);

export function isFinal(state: TaskState | null): boolean {
  return state !== null && FINAL_STATUSES.has(state.status);
}

/**
 * Fold step. Unknown or out-of-place events leave the state as it is. The image maps are updated in
 * place, so folding a stream with thousands of images stays linear; callers own the state they fold.
 */
export function evolve(state: TaskState | null, event: TaskEvent): TaskState | null {
  if (event.type === 'TaskRequested') {
    if (state) return state;
    const { taskId, url, collect } = event.data;
    return {
      taskId, url, collect: [...collect], status: 'queued', run: 1, pageFetched: false, imagesFound: 0,
      respectRobots: event.data.respectRobots ?? true, discovered: new Map(), outcomes: new Map(),
      text: { mode: event.data.text?.mode ?? 'full', format: event.data.text?.format ?? 'text' }, html: null, extractions: 0,
    };
  }
  if (!state) return null;
  switch (event.type) {
    case 'TaskStarted':
      return state.status === 'queued' ? { ...state, status: 'running' } : state;
    case 'PageFetched':
      return { ...state, pageFetched: true, imagesFound: event.data.imagesFound, html: event.data.html ?? null, extractions: 1 };
    case 'TextExtracted':
      return { ...state, extractions: Math.max(state.extractions, event.data.version) };
    case 'ImagesDiscovered': {
      for (const image of event.data.images) state.discovered.set(image.imageId, image.url);
      return state;
    }
    case 'ImageStored':
    case 'ImageFailed': {
      if (!state.outcomes.has(event.data.imageId)) {
        state.outcomes.set(event.data.imageId, event.type === 'ImageStored' ? 'stored' : 'failed');
      }
      return state;
    }
    case 'TaskCompleted':
      return finish(state, 'completed');
    case 'TaskFailed':
      return finish(state, 'failed');
    case 'TaskCancelled':
      return finish(state, 'cancelled');
    case 'TaskRequeued':
      // Only a failed task starts over; it never fetched its page (TaskFailed is decided before
      // PageFetched), so there are no images to forget, but the new run starts from a clean slate anyway.
      if (state.status !== 'failed') return state;
      return {
        ...state, status: 'queued', run: event.data.run, pageFetched: false, imagesFound: 0,
        discovered: new Map(), outcomes: new Map(),
      };
    case 'TaskExpired':
    case 'TaskBlobsReleased':
      // Retention (ADR 0009) removes what the read side shows; the write side's facts stay as they were.
      return state;
  }
}

/** The first final event wins; later ones (a race between workers) change nothing. */
function finish(state: TaskState, status: TaskStatus): TaskState {
  return FINAL_STATUSES.has(state.status) ? state : { ...state, status };
}

export function foldTaskEvents(events: Iterable<TaskEvent>): TaskState | null {
  let state: TaskState | null = null;
  for (const event of events) state = evolve(state, event);
  return state;
}

export function countOutcomes(state: TaskState): { stored: number; failed: number } {
  let stored = 0;
  for (const outcome of state.outcomes.values()) if (outcome === 'stored') stored += 1;
  return { stored, failed: state.outcomes.size - stored };
}
