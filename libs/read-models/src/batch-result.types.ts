import type { TaskStatus } from './read-model.types';

/**
 * The results projection of a batch (what `GET /batches/{id}/results` serves), kept so that a page of
 * results is one read per collection whatever the page's size: on FerretDB 1.24 over SQLite every read
 * scans, so reading each task's view and images costs a scan per task (minutes for 1,000 tasks).
 *
 * A task's outcome row is written when its view becomes final (once, an insert), and again only in the
 * rare cases that change a final task's result (a re-extraction that adds or drops the text, expiry,
 * a requeue of a failed task, which makes it live again). Its stored images are rows of their own,
 * inserted as each image is stored (an outcome row cannot carry them without a read of the earlier
 * ones), each written once: an image's first outcome is final, as in the image rows.
 */
export interface BatchResultRow {
  batchId: string;
  taskId: string;
  /** The task's status when the row was written; a row that is not final is ignored by readers (live). */
  status: TaskStatus;
  /** Whether the task has a text blob (its text link). */
  hasText: boolean;
  /** Stored images of the task (its view's progress): a reader finding fewer image rows reads live. */
  imagesStored: number;
  /** Revision of the task view the row was made from (replacements are guarded by it). */
  revision: number;
}

/** One stored image of a task of a batch, as the results list it (in discovery order, ordinal then id). */
export interface BatchResultImage {
  batchId: string;
  taskId: string;
  id: string;
  ordinal: number;
  sourceUrl: string;
  sha256: string;
  /** 64-bit pHash as 16 hex digits (`?nearDuplicates`); absent when none was computed. */
  perceptualHash?: string;
}

/** What one event batch writes to the results projection (ReadModelStore.saveBatchResults). */
export interface BatchResultWrites {
  rows: readonly BatchResultRow[];
  images: readonly BatchResultImage[];
  /** Tasks that expired (retention, ADR 0009): their image rows go, as their task's image rows do. */
  expiredTaskIds: readonly string[];
}

/** The projection's rows of some tasks of a batch: outcome rows by task id, stored images per task in order. */
export interface BatchResultRows {
  rows: Map<string, BatchResultRow>;
  images: Map<string, BatchResultImage[]>;
}

const FINAL: ReadonlySet<TaskStatus> = new Set(['completed', 'failed', 'cancelled', 'expired']);

/** Whether a task in this status has its final result (expired: final too, with its content removed). */
export function isFinalResultStatus(status: TaskStatus): boolean {
  return FINAL.has(status);
}

/** Image rows in discovery order (ordinal, then id), as listImages gives them. */
export function inDiscoveryOrder(images: BatchResultImage[]): BatchResultImage[] {
  return images.sort((a, b) => a.ordinal - b.ordinal || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
