import type { BatchEntry } from '@trawl/domain';
import { isFinalResultStatus, type BatchResultRow, type BatchView, type ReadModelStore, type TaskView } from '@trawl/read-models';

/** A task's outcome as the results list it: status, whether it has text, its stored images in order. */
export interface TaskOutcome {
  status: TaskView['status'];
  hasText: boolean;
  images: OutcomeImage[];
}

export interface OutcomeImage {
  id: string;
  sourceUrl: string;
  sha256: string | null;
  perceptualHash?: string;
}

/** Stored images read per query (a page of the task's images), for a task read live. */
const IMAGE_PAGE = 500;

/**
 * The outcomes of some entries of a batch: from the results projection (one read, whatever their
 * number) for the tasks whose final row is there with all its images, and live for the others (tasks
 * still running, or finished before the projection existed): their views in one read, and the stored
 * images of those that have some, a page at a time, as the task's images endpoint reads them.
 */
export async function outcomesOf(readModels: ReadModelStore, batch: BatchView, entries: readonly BatchEntry[]): Promise<Map<string, TaskOutcome>> {
  const outcomes = new Map<string, TaskOutcome>();
  if (entries.length === 0) return outcomes;
  const projected = await readModels.listBatchResults(batch.id, entries.map((entry) => entry.taskId));
  const live: string[] = [];
  for (const { taskId } of entries) {
    const row = projected.rows.get(taskId);
    const images = projected.images.get(taskId) ?? [];
    if (row && settled(row, images.length)) outcomes.set(taskId, { status: row.status, hasText: row.hasText, images: row.status === 'expired' ? [] : images });
    else live.push(taskId);
  }
  if (live.length === 0) return outcomes;
  const views = await readModels.getTasks(live);
  for (const taskId of live) {
    const view = views.get(taskId) ?? null;
    // An entry the relay never released has no task: it waits (queued), or was cancelled with the batch.
    const status = view?.status ?? (batch.cancelled ? 'cancelled' : 'queued');
    outcomes.set(taskId, { status, hasText: Boolean(view?.text), images: view && view.progress.imagesStored > 0 ? await storedImages(readModels, taskId) : [] });
  }
  return outcomes;
}

/** A final row whose images are all there (an expired task's are removed, and none is served). */
function settled(row: BatchResultRow, images: number): boolean {
  return isFinalResultStatus(row.status) && (row.status === 'expired' || images === row.imagesStored);
}

async function storedImages(readModels: ReadModelStore, taskId: string): Promise<OutcomeImage[]> {
  const images: OutcomeImage[] = [];
  let after: string | undefined;
  do {
    const page = await readModels.listImages(taskId, { status: 'stored', limit: IMAGE_PAGE, after });
    for (const { id, sourceUrl, sha256, perceptualHash } of page.items) images.push({ id, sourceUrl, sha256, ...(perceptualHash ? { perceptualHash } : {}) });
    after = page.next ?? undefined;
  } while (after);
  return images;
}
