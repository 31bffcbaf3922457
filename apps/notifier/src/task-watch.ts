import type { RecordedEvent } from '@trawl/event-store';
import { toTaskEvent, type TaskEvent } from '@trawl/domain';
import { evolveWatched, isFinalStatus, notificationFor, type Notification, type WatchedTask } from './watched-task';

const FINISHED_MEMORY = 10_000;

export interface TaskNotification {
  task: WatchedTask;
  notification: Notification;
  recorded: RecordedEvent;
}

/**
 * Follows every task from the store-wide log (as the relay's CompletionTracker does) and says which
 * event deserves a webhook. Unfinished tasks are kept in memory; a task first seen mid-stream (after a
 * restart from a checkpoint) is hydrated from its events before the current one, TaskRequested (and
 * its webhook) included.
 */
export class TaskWatch {
  private readonly tasks = new Map<string, WatchedTask | null>();
  private readonly finished = new Set<string>();

  constructor(private readonly readEarlier: (recorded: RecordedEvent) => Promise<TaskEvent[]>) {}

  async apply(recorded: RecordedEvent, taskId: string): Promise<TaskNotification | null> {
    const event = toTaskEvent(recorded);
    if (!event) return null;
    if (event.type === 'TaskRequeued') this.finished.delete(taskId);
    if (this.finished.has(taskId)) return null;
    const before = await this.stateBefore(recorded, taskId);
    const after = evolveWatched(before, event);
    if (after && isFinalStatus(after.status)) {
      this.tasks.delete(taskId);
      this.rememberFinished(taskId);
    } else {
      this.tasks.set(taskId, after);
    }
    const notification = notificationFor(before, after, event);
    return notification && after ? { task: after, notification, recorded } : null;
  }

  get watchedTasks(): number {
    return this.tasks.size;
  }

  private async stateBefore(recorded: RecordedEvent, taskId: string): Promise<WatchedTask | null> {
    if (this.tasks.has(taskId)) return this.tasks.get(taskId) ?? null;
    if (recorded.revision === 0n) return null;
    let state: WatchedTask | null = null;
    for (const event of await this.readEarlier(recorded)) state = evolveWatched(state, event);
    return state;
  }

  private rememberFinished(taskId: string): void {
    this.finished.add(taskId);
    if (this.finished.size > FINISHED_MEMORY) {
      const oldest = this.finished.values().next().value;
      if (oldest !== undefined) this.finished.delete(oldest);
    }
  }
}
