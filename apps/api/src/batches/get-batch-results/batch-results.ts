import type { BatchEntry, BatchStreams } from '@trawl/domain';
import type { BatchView, ReadModelStore, TaskView } from '@trawl/read-models';
import { taskPath } from '../../tasks/task-presenter';

/** One URL of a batch with its outcome: the map from each URL to its text and images. */
export interface BatchResult {
  url: string;
  line: number;
  taskId: string;
  status: TaskView['status'];
  text: string | null;
  images: Array<{ id: string; sourceUrl: string; sha256: string | null; url: string }>;
}

/** Stored images read per query (a page of the task's images). */
const IMAGE_PAGE = 500;

/**
 * The batch's results in submission order, from entry `from` on: entries come from the batch's
 * stream a chunk (1,000) at a time, their tasks' views in one read per chunk, their stored images a
 * page at a time, so memory holds one chunk whatever the batch's size.
 */
export async function* batchResults(streams: BatchStreams, readModels: ReadModelStore, batch: BatchView, from = 0): AsyncGenerator<BatchResult> {
  let index = 0;
  for await (const event of streams.read(batch.id)) {
    if (event.type !== 'BatchUrlsAdded') continue;
    const entries = event.data.entries;
    if (index + entries.length <= from) {
      index += entries.length;
      continue;
    }
    const wanted = entries.slice(Math.max(0, from - index));
    index += entries.length;
    const views = await readModels.getTasks(wanted.map((entry) => entry.taskId));
    for (const entry of wanted) yield await resultOf(readModels, batch, entry, views.get(entry.taskId) ?? null);
  }
}

async function resultOf(readModels: ReadModelStore, batch: BatchView, entry: BatchEntry, view: TaskView | null): Promise<BatchResult> {
  const self = taskPath(entry.taskId);
  const images: BatchResult['images'] = [];
  if (view && view.progress.imagesStored > 0) {
    let after: string | undefined;
    do {
      const page = await readModels.listImages(entry.taskId, { status: 'stored', limit: IMAGE_PAGE, after });
      for (const image of page.items) images.push({ id: image.id, sourceUrl: image.sourceUrl, sha256: image.sha256, url: `${self}/images/${image.id}` });
      after = page.next ?? undefined;
    } while (after);
  }
  // An entry the relay never released has no task: it waits (queued), or was cancelled with the batch.
  const status = view?.status ?? (batch.cancelled ? 'cancelled' : 'queued');
  return { url: entry.url, line: entry.line, taskId: entry.taskId, status, text: view?.text ? `${self}/text` : null, images };
}
