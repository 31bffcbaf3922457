const REMEMBERED = 10_000;

/**
 * Which tasks were cancelled while this process works on them, and an abort signal per task for the
 * jobs in flight. A cancel aborts the task's downloads at once (the body stops, the host's slot is
 * freed) instead of letting them run to the end and record outcomes nobody wants.
 */
export class TaskCancellations {
  private readonly active = new Map<string, { controller: AbortController; jobs: number }>();
  /** Recently cancelled tasks (insertion order = age), so that their queued jobs end without a fetch. */
  private readonly cancelled = new Set<string>();

  /** A signal that aborts when the task is cancelled; call `release` when the job ends. */
  enter(taskId: string): { signal: AbortSignal; release: () => void } {
    let entry = this.active.get(taskId);
    if (!entry) {
      entry = { controller: new AbortController(), jobs: 0 };
      this.active.set(taskId, entry);
    }
    entry.jobs += 1;
    if (this.cancelled.has(taskId)) entry.controller.abort(new TaskCancelledError(taskId));
    const held = entry;
    let released = false;
    return {
      signal: held.controller.signal,
      release: () => {
        if (released) return;
        released = true;
        held.jobs -= 1;
        if (held.jobs === 0 && this.active.get(taskId) === held) this.active.delete(taskId);
      },
    };
  }

  cancel(taskId: string): void {
    this.cancelled.add(taskId);
    if (this.cancelled.size > REMEMBERED) this.cancelled.delete(this.cancelled.values().next().value!);
    this.active.get(taskId)?.controller.abort(new TaskCancelledError(taskId));
  }

  isCancelled(taskId: string): boolean {
    return this.cancelled.has(taskId);
  }

  /** Jobs in flight (for tests and metrics). */
  get activeTasks(): number {
    return this.active.size;
  }
}

/** The reason of a job's abort when its task was cancelled. */
export class TaskCancelledError extends Error {
  constructor(readonly taskId: string) {
    super(`task ${taskId} was cancelled`);
    this.name = 'TaskCancelledError';
  }
}
