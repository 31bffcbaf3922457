import { toTaskEvent, type TaskEvent } from '@trawl/domain';
import { evolveWatched, isFinalStatus, notificationFor, type WatchedTask } from './watched-task';
import { StreamWatch, type ReadEarlier, type WatchRules } from './stream-watch';

const taskRules: WatchRules<TaskEvent, WatchedTask> = {
  toEvent: toTaskEvent,
  evolve: evolveWatched,
  isFinal: (task) => isFinalStatus(task.status),
  notificationFor,
  // A requeued task runs again, so its new final status deserves a webhook of its own.
  reopens: (event) => event.type === 'TaskRequeued',
};

/** Follows every task from the store-wide log (as the relay's CompletionTracker does). */
export function taskWatch(readEarlier: ReadEarlier<TaskEvent>): StreamWatch<TaskEvent, WatchedTask> {
  return new StreamWatch(taskRules, readEarlier);
}
