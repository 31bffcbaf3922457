import { isFinal, type TaskState } from '@trawl/domain';
import type { LoadedTask, TaskStreams } from '@trawl/tasks';
import { respectsOptOuts, thumbnailRequests, type ThumbnailRequest } from '../opt-outs/task-opt-out-choice';

const TTL_MS = 2000;
const MAX_TASKS = 1000;

/**
 * Image workers ask "is this task still open, and does this image still need an outcome?" for every
 * image job. Folding a stream of thousands of events per job would make a big page quadratic, so the
 * answer is cached for a short time; a stale answer only costs a redundant fetch, whose append is
 * idempotent.
 */
export class TaskStateCache {
  private readonly entries = new Map<string, { loaded: LoadedTask; state: TaskState | null; respectOptOuts: boolean; thumbnails: ThumbnailRequest[]; loadedAt: number }>();
  /** Loads in flight: the jobs of a big page that find the entry stale together share one load (and its memory). */
  private readonly loading = new Map<string, Promise<TaskState | null>>();

  constructor(
    private readonly streams: TaskStreams,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The task's current run (ADR 0005) when the image still needs an outcome, else null. */
  async runNeedingOutcome(taskId: string, imageId: string): Promise<number | null> {
    const state = await this.get(taskId);
    return state !== null && !isFinal(state) && !state.outcomes.has(imageId) ? state.run : null;
  }

  /** The task's opt-out choice, as last loaded (call after runNeedingOutcome); absent: honoured. */
  respectsOptOuts(taskId: string): boolean {
    return this.entries.get(taskId)?.respectOptOuts ?? true;
  }

  /** The task's thumbnails, as last loaded (call after runNeedingOutcome). */
  thumbnailsOf(taskId: string): ThumbnailRequest[] {
    return this.entries.get(taskId)?.thumbnails ?? [];
  }

  recordOutcome(taskId: string, imageId: string, outcome: 'stored' | 'failed'): void {
    this.entries.get(taskId)?.state?.outcomes.set(imageId, outcome);
  }

  private async get(taskId: string): Promise<TaskState | null> {
    const cached = this.entries.get(taskId);
    if (cached && this.clock() - cached.loadedAt < TTL_MS) return cached.state;
    let load = this.loading.get(taskId);
    if (!load) {
      load = this.load(taskId).finally(() => this.loading.delete(taskId));
      this.loading.set(taskId, load);
    }
    return load;
  }

  /**
   * Reads the stream once, then only what was appended since (TaskStreams.refresh): re-reading a stream of
   * 10,000 events every TTL made a big page's image jobs promote megabytes of garbage a second.
   */
  private async load(taskId: string): Promise<TaskState | null> {
    const cached = this.entries.get(taskId);
    const loaded = cached ? await this.streams.refresh(taskId, cached.loaded) : await this.streams.load(taskId);
    // The opt-out choice and thumbnails are TaskRequested's: read from the first load, kept after.
    const respectOptOuts = cached?.respectOptOuts ?? respectsOptOuts(loaded.events);
    const thumbnails = cached?.thumbnails ?? thumbnailRequests(loaded.events);
    const state = loaded.state;
    this.entries.delete(taskId);
    this.entries.set(taskId, { loaded: { ...loaded, events: [] }, state, respectOptOuts, thumbnails, loadedAt: this.clock() });
    if (this.entries.size > MAX_TASKS) this.entries.delete(this.entries.keys().next().value!);
    return state;
  }
}
