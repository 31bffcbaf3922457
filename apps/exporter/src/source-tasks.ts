import type { ExportSourceRef } from '@trawl/domain';
import type { ReadModelStore, TaskView } from '@trawl/read-models';

const PAGE = 500;

/** The tasks of an export's source, in request order (a batch's) or the one task, from the read models. */
export async function* sourceTasks(readModels: ReadModelStore, source: ExportSourceRef): AsyncGenerator<TaskView> {
  if (source.kind === 'task') {
    const task = await readModels.getTask(source.id);
    if (task) yield task;
    return;
  }
  let after: string | undefined;
  do {
    const page = await readModels.listBatchTasks(source.id, { limit: PAGE, after });
    yield* page.items;
    after = page.next ?? undefined;
  } while (after);
}

/** Samples to expect: the stored images and texts the read models count (for progress). */
export async function countSourceSamples(readModels: ReadModelStore, source: ExportSourceRef, withTexts: boolean): Promise<number> {
  let total = 0;
  for await (const task of sourceTasks(readModels, source)) {
    total += task.progress.imagesStored + (withTexts && task.text ? 1 : 0);
  }
  return total;
}
