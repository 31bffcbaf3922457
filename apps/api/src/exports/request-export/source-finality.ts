import type { ExportSourceRef } from '@trawl/domain';
import type { ReadModelStore } from '@trawl/read-models';
import { ApiProblem, problems } from '../../http/problem';

const FINAL_TASK = new Set(['completed', 'failed', 'cancelled']);
const FINAL_BATCH = new Set(['completed', 'cancelled']);

/** 404 for an unknown source, 409 `not-final` while it is still collecting: an export is of finished work. */
export async function assertFinalSource(readModels: ReadModelStore, source: ExportSourceRef): Promise<void> {
  const path = `/api/v1/${source.kind === 'batch' ? 'batches' : 'tasks'}/${source.id}`;
  const status = source.kind === 'batch' ? (await readModels.getBatch(source.id))?.status : (await readModels.getTask(source.id))?.status;
  if (status === undefined) throw problems.notFound(`no ${source.kind} with id ${source.id}`);
  // Retention removed what the export would be made of (ADR 0009).
  if (status === 'expired') throw new ApiProblem(410, 'expired', 'Gone', `the ${source.kind} expired; its data is removed (retention), so there is nothing to export`);
  if (!(source.kind === 'batch' ? FINAL_BATCH : FINAL_TASK).has(status)) {
    throw problems.conflict('not-final', `the ${source.kind} is ${status}; wait until it ends (GET ${path}${source.kind === 'batch' ? ` or follow ${path}/progress` : ''}) and request the export again`);
  }
}
