import type { CollectKind } from '@trawl/domain';

/** A page to fetch for a task. Keyed by host on the bus. */
export interface PageJob {
  taskId: string;
  url: string;
  collect: CollectKind[];
  correlationId: string;
  /** Honour robots.txt. Absent (jobs published before the field existed): the task state decides. */
  respectRobots?: boolean;
}

/** One image of a task to fetch. Keyed by the image's host on the bus. */
export interface ImageJob {
  taskId: string;
  imageId: string;
  url: string;
  correlationId: string;
  /** Honour robots.txt. Absent (jobs published before the field existed) means true. */
  respectRobots?: boolean;
}

/** Public integration event on the datasets topic: a task reached a final status. */
export interface DatasetEvent {
  type: 'DatasetReady' | 'DatasetFailed' | 'DatasetCancelled';
  schemaVersion: 1;
  taskId: string;
  url: string;
  status: 'completed' | 'failed' | 'cancelled';
  imagesStored: number;
  imagesFailed: number;
  error: { code: string; message: string } | null;
  occurredAt: string;
}

/** The politeness key of a URL: its host (lower-case, with port). */
export function hostKey(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return 'invalid';
  }
}
