export type TaskStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
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
  status: TaskStatus;
  progress: { imagesFound: number; imagesStored: number; imagesFailed: number };
  error: ErrorInfo | null;
  /** The page after redirects, its title, and the stored text blob, once fetched. */
  page: { finalUrl: string; title: string | null; httpStatus: number; contentType: string } | null;
  text: { sha256: string; bytes: number } | null;
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
  /** Position in discovery order, for stable listings. */
  ordinal: number;
  updatedAt: string;
  /** Revision of the last task-stream event applied to this row (idempotency guard). */
  revision: number;
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
