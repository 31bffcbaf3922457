import { z } from 'zod';
import type { BatchView } from '@trawl/read-models';
import { problems } from '../http/problem';
import { API_PREFIX } from '../tasks/task-presenter';

export const BATCHES_PATH = `${API_PREFIX}/batches`;

export function batchPath(id: string): string {
  return `${BATCHES_PATH}/${id}`;
}

const batchId = z.uuid();

/** Batch ids are UUIDs; anything else cannot name a batch, so it is a 404 like any unknown id. */
export function assertBatchId(id: string): string {
  if (!batchId.safeParse(id).success) throw problems.notFound(`no batch with id ${id}`);
  return id;
}

/** The public JSON shape of a batch (documented in the OpenAPI document). */
export function presentBatch(view: BatchView) {
  const self = batchPath(view.id);
  return {
    id: view.id,
    status: view.status,
    collect: view.options.collect,
    respectRobots: view.options.respectRobots,
    counts: view.counts,
    duplicates: view.duplicates,
    rejected: view.rejected,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
    completedAt: view.completedAt,
    ...(view.options.expiresAt ? { expiresAt: view.options.expiresAt } : {}),
    links: { self, tasks: `${self}/tasks`, results: `${self}/results`, progress: `${self}/progress` },
  };
}
