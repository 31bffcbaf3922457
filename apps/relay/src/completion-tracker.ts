import type { RecordedEvent } from '@trawl/event-store';
import { decideCompletion, evolve, isFinal, toTaskEvent, type TaskEvent, type TaskState } from '@trawl/domain';

const FINISHED_MEMORY = 10_000;

/**
 * Follows every task's progress from the store-wide log and says when a task is complete. State is
 * kept in memory for unfinished tasks only; a task first seen mid-stream (after a restart from a
 * checkpoint) is hydrated from the events before the current one.
 */
export class CompletionTracker {
  private readonly states = new Map<string, TaskState | null>();
  /** Recently finished tasks, so late events (an image outcome after a cancel) cost no re-read. */
  private readonly finished = new Set<string>();

  constructor(private readonly readEarlier: (event: RecordedEvent) => Promise<TaskEvent[]>) {}

  /**
   * Applies the event; returns TaskCompleted when this event completed the task, with the run it
   * belongs to (the step of its id).
   */
  async apply(recorded: RecordedEvent, taskId: string, now: Date): Promise<{ event: TaskEvent; run: number } | null> {
    const event = toTaskEvent(recorded);
    if (!event) return null;
    // A requeued task runs again (ADR 0005): follow it anew.
    if (event.type === 'TaskRequeued') this.finished.delete(taskId);
    if (this.finished.has(taskId)) return null;
    let state = await this.stateBefore(recorded, taskId);
    state = evolve(state, event);
    if (!state || isFinal(state)) {
      this.states.delete(taskId);
      if (state) this.rememberFinished(taskId);
      return null;
    }
    this.states.set(taskId, state);
    const completed = decideCompletion(state, now);
    return completed ? { event: completed, run: state.run } : null;
  }

  get trackedTasks(): number {
    return this.states.size;
  }

  private rememberFinished(taskId: string): void {
    this.finished.add(taskId);
    if (this.finished.size > FINISHED_MEMORY) {
      const oldest = this.finished.values().next().value;
      if (oldest !== undefined) this.finished.delete(oldest);
    }
  }

  private async stateBefore(recorded: RecordedEvent, taskId: string): Promise<TaskState | null> {
    if (this.states.has(taskId)) return this.states.get(taskId) ?? null;
    if (recorded.revision === 0n) return null;
    let state: TaskState | null = null;
    for (const event of await this.readEarlier(recorded)) state = evolve(state, event);
    return state;
  }
}
