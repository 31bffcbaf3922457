import type { TaskView } from '@trawl/read-models';
import type { ImageFacts } from './image-facts';

/** What one projector process last wrote for a task: its view and what it knows of its images. */
export interface TaskMemo {
  view: TaskView | null;
  images: ImageFacts;
  /** Whether this process folded the task from its first event: then `images` knows every image it has. */
  complete: boolean;
}

/**
 * Tasks and images remembered by default: more than an event batch holds (5,000 events), and some
 * 10 MB at most (three map entries of ~50-character ids per image).
 */
const DEFAULT_CAPACITY = 50_000;

/**
 * The projector's memory of the tasks it wrote, least recently used first out, so that a task whose
 * events span several event batches (every live task) is not read back from the store at each batch:
 * on FerretDB 1.24 over SQLite every read scans its collection (measured: 0.5 to 3 s a task at 13,000
 * image rows), while the writes that follow are indexed inserts.
 *
 * It holds only what a batch wrote in full (the caller forgets everything when a batch fails), so it
 * never knows more than the store; it may know less than the store when another process wrote too,
 * which the fold tolerates as it tolerates a replay (see applyToReadModels).
 */
export class TaskMemory {
  private readonly memos = new Map<string, { memo: TaskMemo; size: number }>();
  private size = 0;

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** The memo of a task, taken out (the caller puts back what the batch made of it). */
  take(taskId: string): TaskMemo | undefined {
    const entry = this.memos.get(taskId);
    if (!entry) return undefined;
    this.memos.delete(taskId);
    this.size -= entry.size;
    return entry.memo;
  }

  put(taskId: string, memo: TaskMemo): void {
    this.take(taskId);
    const size = 1 + memo.images.status.size;
    if (size > this.capacity) return;
    this.memos.set(taskId, { memo, size });
    this.size += size;
    for (const [oldest, entry] of this.memos) {
      if (this.size <= this.capacity) break;
      this.memos.delete(oldest);
      this.size -= entry.size;
    }
  }

  clear(): void {
    this.memos.clear();
    this.size = 0;
  }
}
