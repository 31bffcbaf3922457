import type { ImageStatus, ImageView, Page, TaskListQuery, TaskStatus, TaskView } from './read-model.types';

/**
 * The read-model store port: what the projector writes and the query side reads.
 * Writes are idempotent and order-safe: a document is replaced only by one with a higher `revision`,
 * so an event applied twice, or a stale write, changes nothing.
 *
 * Listings page with opaque cursors (`next`, passed back as `after`); a cursor the store did not
 * hand out throws InvalidCursorError. Limits are clamped to 1..500. Timestamps are ISO-8601 UTC
 * strings as `Date#toISOString` writes them, so that they sort as text. An unreachable backend
 * throws UnavailableError.
 */
export interface ReadModelStore {
  getTask(id: string): Promise<TaskView | null>;
  /** Upsert unless the stored view has a revision >= view.revision. Returns whether it wrote. */
  saveTask(view: TaskView): Promise<boolean>;
  /** Newest first (createdAt desc, id desc), optionally of one status. */
  listTasks(query: TaskListQuery): Promise<Page<TaskView>>;
  /** How many tasks are in each status (0 for none): one grouped count, for metrics. */
  countTasks(): Promise<Record<TaskStatus, number>>;

  /**
   * Upsert each row unless the stored row (same taskId+id) has a revision >= row.revision. Of rows
   * for the same image within one call, the highest revision wins.
   */
  saveImages(rows: readonly ImageView[]): Promise<void>;
  getImage(taskId: string, imageId: string): Promise<ImageView | null>;
  /** In discovery order (ordinal asc, then id), optionally of one status; 100 a page by default. */
  listImages(taskId: string, query?: { status?: ImageStatus; limit?: number; after?: string }): Promise<Page<ImageView>>;
  /** How many of the task's images are in each status (0 for none, also for an unknown task). */
  countImages(taskId: string): Promise<Record<ImageStatus, number>>;

  /** Subscription checkpoints, by subscription name. */
  getCheckpoint(name: string): Promise<string | null>;
  saveCheckpoint(name: string, position: string): Promise<void>;

  /** Removes every read model and checkpoint (before a rebuild). */
  dropAll(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');
