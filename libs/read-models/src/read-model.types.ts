/** `expired`: a tombstone left by retention (ADR 0009); the API answers 410 Gone for it. */
export type TaskStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled' | 'expired';

export const TASK_STATUSES: readonly TaskStatus[] = ['queued', 'running', 'completed', 'failed', 'cancelled', 'expired'];

/** A count of 0 for every status. */
export function emptyTaskCounts(): Record<TaskStatus, number> {
  return { queued: 0, running: 0, completed: 0, failed: 0, cancelled: 0, expired: 0 };
}
export type CollectKind = 'text' | 'images';

export interface ErrorInfo {
  code: string;
  message: string;
}

/** One task as the query side serves it. */
export interface TaskView {
  id: string;
  url: string;
  collect: CollectKind[];
  /** The batch the task belongs to; absent for a task requested on its own. */
  batchId?: string;
  /** Whether the task honours robots.txt; absent on views projected before the field existed (= true). */
  respectRobots?: boolean;
  status: TaskStatus;
  progress: { imagesFound: number; imagesStored: number; imagesFailed: number };
  error: ErrorInfo | null;
  /**
   * Limits the task hit without failing, e.g. `too-many-images` (only the first
   * TRAWL_MAX_IMAGES_PER_PAGE images are collected); absent when there are none.
   */
  warnings?: ErrorInfo[];
  /** The page after redirects, its title, and the stored text blob, once fetched. */
  page: { finalUrl: string; title: string | null; httpStatus: number; contentType: string } | null;
  text: { sha256: string; bytes: number } | null;
  /** Set when the task asked for reuse and made no download of its own (PageFetched.reusedFrom, ADR 0012). */
  reusedFrom?: { taskId: string; fetchedAt: string };
  /** The Markdown blob, when the task (or its last extraction) asked for Markdown. */
  markdown?: { sha256: string; bytes: number } | null;
  /** The page as received (TRAWL_KEEP_HTML), what re-extraction reads. */
  html?: { sha256: string; bytes: number } | null;
  /** What the page says about itself and its detected language (see PageFetched.metadata). */
  metadata?: Record<string, string | number | null> | null;
  /** How the current text was cut: mode, format, extractor version, and which extraction (1 = with the fetch). */
  extraction?: { mode: 'full' | 'main'; format: 'text' | 'markdown'; extractor: string; version: number } | null;
  /** When the task's data may be removed (TaskRequested.expiresAt: its own or its batch's). */
  expiresAt?: string;
  /** Set on the tombstone retention leaves (status `expired`): when the sweeper expired the task. */
  expiredAt?: string;
  /** When the sweeper removed (or kept, as shared) the expired task's blobs (TaskBlobsReleased). */
  blobsReleasedAt?: string;
  createdAt: string;
  updatedAt: string;
  /** Revision of the last event of the task's stream applied to this view (idempotency guard). */
  revision: number;
}

export type ImageStatus = 'pending' | 'stored' | 'failed';

/** One image of one task. */
export interface ImageView {
  taskId: string;
  id: string;
  sourceUrl: string;
  status: ImageStatus;
  sha256: string | null;
  contentType: string | null;
  width: number | null;
  height: number | null;
  bytes: number | null;
  error: ErrorInfo | null;
  /**
   * Set when this task made no download of its own: the same image URL was stored by another task
   * (within TRAWL_REUSE_MAX_AGE or confirmed unchanged), or downloaded by another task at the same time.
   */
  reusedFrom?: { taskId: string; imageId: string; fetchedAt: string };
  /** Where on the page the image was found (`img-src`, `srcset`, `og-image`, `task-url`...); kept when its outcome arrives. */
  via?: string;
  /** What the page says about the image (alt, caption, heading, nearby text...): its image–text pair; kept when its outcome arrives. */
  context?: ImageTextPair;
  /** 64-bit pHash as 16 hex digits, of a stored image (near-duplicates). */
  perceptualHash?: string;
  /** Thumbnails made when it was stored (the task's `thumbnails` option). */
  thumbnails?: Array<{ width: number; sha256: string; bytes: number; contentType: string; quality?: number }>;
  /** Position in discovery order, for stable listings. */
  ordinal: number;
  updatedAt: string;
  /** Revision of the last task-stream event applied to this row (idempotency guard). */
  revision: number;
}

/** The image–text pair of a discovered image, as ImagesDiscovered carries it. */
export interface ImageTextPair {
  alt?: string;
  title?: string;
  caption?: string;
  heading?: string;
  nearbyText?: string;
  width?: number;
  height?: number;
}

export interface TaskListQuery {
  status?: TaskStatus;
  /** 1..500 */
  limit: number;
  /** Opaque cursor from a previous page. */
  after?: string;
}

export interface Page<T> {
  items: T[];
  /** Cursor for the next page, or null at the end. */
  next: string | null;
}

/** A task's reference to a blob (its text, HTML, an image or a thumbnail): what retention counts. */
export interface BlobReference {
  sha256: string;
  taskId: string;
}
