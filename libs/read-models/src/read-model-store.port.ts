import type { BatchListQuery, BatchTaskQuery, BatchView } from './batch-view.types';
import type { BatchResultRows, BatchResultWrites } from './batch-result.types';
import type { BlobReference, ImageStatus, ImageView, Page, TaskListQuery, TaskStatus, TaskView } from './read-model.types';

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
  /**
   * The revision of the task's stored view, or null when there is none: whether a view read earlier is
   * still the stored one, without reading it again (the API's status GET keeps its answer until this
   * changes). A view changes only with a higher revision (see saveTask), or by dropAll and a rebuild.
   */
  getTaskRevision(id: string): Promise<number | null>;
  /** The views of those ids that exist (one round trip: the projector reads a batch's tasks at once). */
  getTasks(ids: readonly string[]): Promise<Map<string, TaskView>>;
  /** Upsert unless the stored view has a revision >= view.revision. Returns whether it wrote. */
  saveTask(view: TaskView): Promise<boolean>;
  /** saveTask for many views at once (the projector's batch), each guarded by its revision. */
  saveTasks(views: readonly TaskView[]): Promise<void>;
  /** Newest first (createdAt desc, id desc), optionally of one status. */
  listTasks(query: TaskListQuery): Promise<Page<TaskView>>;
  /** How many tasks are in each status (0 for none): one grouped count, for metrics. */
  countTasks(): Promise<Record<TaskStatus, number>>;

  /**
   * Image rows are written once, so that a document store can insert them rather than update them
   * (updates are what is slow on FerretDB): an image's first row (its discovery, `pending`) is kept
   * as written, and its first outcome (`stored` or `failed`) is final. A later pending row never
   * replaces an outcome, and a replayed row changes nothing. Within one call, an image's outcome
   * row wins over its pending row.
   */
  saveImages(rows: readonly ImageView[]): Promise<void>;
  getImage(taskId: string, imageId: string): Promise<ImageView | null>;
  /** The rows of those images of the task that exist, by image id. */
  getImages(taskId: string, imageIds: readonly string[]): Promise<Map<string, ImageView>>;
  /** In discovery order (ordinal asc, then id), optionally of one status; 100 a page by default. */
  listImages(taskId: string, query?: { status?: ImageStatus; limit?: number; after?: string }): Promise<Page<ImageView>>;
  /** How many of the task's images are in each status (0 for none, also for an unknown task). */
  countImages(taskId: string): Promise<Record<ImageStatus, number>>;

  getBatch(id: string): Promise<BatchView | null>;
  /** The views of those batches that exist (one round trip per projector batch). */
  getBatches(ids: readonly string[]): Promise<Map<string, BatchView>>;
  /**
   * Replaces the views whole (the projector is their one writer and folds each batch once per event
   * batch, so a store pays one write per batch view per event batch).
   */
  saveBatches(views: readonly BatchView[]): Promise<void>;
  /** Newest first (createdAt desc, id desc). */
  listBatches(query: BatchListQuery): Promise<Page<BatchView>>;
  /** The released tasks of a batch in request order (createdAt asc, id asc), optionally of one status. */
  listBatchTasks(batchId: string, query: BatchTaskQuery): Promise<Page<TaskView>>;
  /**
   * The results projection (see batch-result.types.ts): image rows inserted once (first outcome final),
   * expired tasks' image rows removed, then outcome rows, each replaced only by a higher revision.
   */
  saveBatchResults(writes: BatchResultWrites): Promise<void>;
  /** The projection's rows of those tasks (of one batch): one read per collection, whatever their number. */
  listBatchResults(batchId: string, taskIds: readonly string[]): Promise<BatchResultRows>;
  /**
   * Retention (ADR 0009). Which tasks reference which blobs, kept by the projector: a reference is
   * written once (a replay changes nothing) and removed with its task's content when the task expires.
   */
  saveBlobReferences(references: readonly BlobReference[]): Promise<void>;
  /** Removes the image rows and blob references of expired tasks; their views stay, as tombstones. */
  removeTaskContent(taskIds: readonly string[]): Promise<void>;
  /** Of `sha256s`, those that a task other than `exceptTaskIds` references. */
  referencedBlobs(sha256s: readonly string[], exceptTaskIds: readonly string[]): Promise<Set<string>>;
  /** Up to `limit` final tasks whose expiresAt is at or before `now`, or that last changed at or before `finalBefore`. */
  listExpiryCandidates(query: { now: string; finalBefore: string | null; limit: number }): Promise<TaskView[]>;
  /** Up to `limit` expired tasks whose blobs the sweeper has not released yet. */
  listUnreleasedTombstones(limit: number): Promise<TaskView[]>;

  /** Subscription checkpoints, by subscription name. */
  getCheckpoint(name: string): Promise<string | null>;
  saveCheckpoint(name: string, position: string): Promise<void>;

  /** Removes every read model and checkpoint (before a rebuild). */
  dropAll(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');
