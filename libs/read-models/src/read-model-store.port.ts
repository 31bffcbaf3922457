import type { ImageStatus, ImageView, Page, TaskListQuery, TaskView } from './read-model.types';

/**
 * The read-model store port: what the projector writes and the query side reads.
 * Writes are idempotent and order-safe: a document is replaced only by one with a higher `revision`,
 * so an event applied twice, or a stale write, changes nothing.
 */
export interface ReadModelStore {
  getTask(id: string): Promise<TaskView | null>;
  /** Upsert unless the stored view has a revision >= view.revision. Returns whether it wrote. */
  saveTask(view: TaskView): Promise<boolean>;
  /** Newest first (createdAt desc, id desc). */
  listTasks(query: TaskListQuery): Promise<Page<TaskView>>;

  /** Upsert each row unless the stored row (same taskId+id) has a revision >= row.revision. */
  saveImages(rows: readonly ImageView[]): Promise<void>;
  getImage(taskId: string, imageId: string): Promise<ImageView | null>;
  /** In discovery order (ordinal asc). */
  listImages(taskId: string, query?: { status?: ImageStatus; limit?: number; after?: string }): Promise<Page<ImageView>>;
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
