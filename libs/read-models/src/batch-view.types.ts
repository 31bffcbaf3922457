import type { CollectKind, TaskStatus } from './read-model.types';

/** queued: no task has started; running: some have; completed: every task is final; cancelled: by DELETE. */
/** expired: every task of the finished batch expired (retention, ADR 0009); the API answers 410 Gone. */
export type BatchStatus = 'queued' | 'running' | 'completed' | 'cancelled' | 'expired';

export interface BatchCounts {
  /** Tasks by status; URLs not yet released count as queued (and as cancelled after a cancel). */
  tasks: { total: number } & Record<Exclude<TaskStatus, 'expired'>, number>;
  images: { found: number; stored: number; failed: number };
  /** Bytes of the batch's stored images and texts. */
  bytesStored: number;
}

/** One batch as the query side serves it, kept current by the projector from its stream and its tasks. */
export interface BatchView {
  id: string;
  status: BatchStatus;
  options: { collect: CollectKind[]; respectRobots: boolean; expiresAt?: string };
  counts: BatchCounts;
  duplicates: number;
  rejected: number;
  /** Entries whose tasks the relay requested (the rest wait for the fairness window). */
  released: number;
  cancelled: boolean;
  completedAt: string | null;
  /** When the sweeper expired the batch (BatchExpired); absent while it lives. */
  expiredAt?: string;
  createdAt: string;
  updatedAt: string;
  /** Revision of the last batch-stream event applied (task events move the counts, not this). */
  revision: number;
  /**
   * Log position of the last event counted in this view (batch or task event): a projector replaying
   * events after a crash skips those at or before it, so nothing is counted twice.
   */
  appliedThrough: string | null;
  /**
   * Changes counted into the view (batch events and task-view changes), one by one: it grows with every
   * change, whatever the event batches, so a rebuild gives the same; the progress stream's event id.
   */
  sequence: number;
}

export interface BatchListQuery {
  limit: number;
  after?: string;
}

export interface BatchTaskQuery {
  status?: TaskStatus;
  limit: number;
  after?: string;
}

export function emptyBatchCounts(total: number): BatchCounts {
  return {
    tasks: { total, queued: total, running: 0, completed: 0, failed: 0, cancelled: 0 },
    images: { found: 0, stored: 0, failed: 0 },
    bytesStored: 0,
  };
}
