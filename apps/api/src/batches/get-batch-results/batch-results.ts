import type { BatchEntry, BatchStreams } from '@trawl/domain';
import { NearDuplicateIndex } from '@trawl/imaging';
import type { BatchView, ReadModelStore, TaskView } from '@trawl/read-models';
import { taskPath } from '../../tasks/task-presenter';

/** One URL of a batch with its outcome: the map from each URL to its text and images. */
export interface BatchResult {
  url: string;
  line: number;
  taskId: string;
  status: TaskView['status'];
  text: string | null;
  images: BatchResultImage[];
}

export interface BatchResultImage {
  id: string;
  sourceUrl: string;
  sha256: string | null;
  url: string;
  /** With `nearDuplicates`: the earliest image of the batch (in result order) within the threshold, or null. */
  nearDuplicateOf?: { taskId: string; imageId: string } | null;
}

/** Near-duplicates across the batch: flag them, or leave them out; `threshold` as TRAWL_NEAR_DUPLICATE_DISTANCE. */
export interface BatchNearDuplicates {
  threshold: number;
  exclude: boolean;
}

/** Stored images of a batch indexed for near-duplicates at most; later ones are not flagged (see README). */
export const BATCH_NEAR_DUPLICATE_LIMIT = 100_000;

/** Stored images read per query (a page of the task's images). */
const IMAGE_PAGE = 500;

/**
 * The batch's results in submission order, from entry `from` on: entries come from the batch's
 * stream a chunk (1,000) at a time, their tasks' views in one read per chunk, their stored images a
 * page at a time, so memory holds one chunk whatever the batch's size.
 */
export async function* batchResults(
  streams: BatchStreams,
  readModels: ReadModelStore,
  batch: BatchView,
  from = 0,
  nearDuplicates?: BatchNearDuplicates,
): AsyncGenerator<BatchResult> {
  // Near-duplicates are judged against every earlier image of the batch, so a page that starts later
  // reads the entries before it too (their images indexed, not returned).
  const index = nearDuplicates ? new NearDuplicateIndex<{ taskId: string; imageId: string }>(nearDuplicates.threshold, BATCH_NEAR_DUPLICATE_LIMIT) : null;
  let position = 0;
  for await (const event of streams.read(batch.id)) {
    if (event.type !== 'BatchUrlsAdded') continue;
    const entries = event.data.entries;
    if (!index && position + entries.length <= from) {
      position += entries.length;
      continue;
    }
    const wanted = index ? entries : entries.slice(Math.max(0, from - position));
    const first = index ? position : Math.max(position, from);
    position += entries.length;
    const views = await readModels.getTasks(wanted.map((entry) => entry.taskId));
    for (const [offset, entry] of wanted.entries()) {
      const result = await resultOf(readModels, batch, entry, views.get(entry.taskId) ?? null, index, nearDuplicates?.exclude ?? false);
      if (first + offset >= from) yield result;
    }
  }
}

async function resultOf(
  readModels: ReadModelStore,
  batch: BatchView,
  entry: BatchEntry,
  view: TaskView | null,
  index: NearDuplicateIndex<{ taskId: string; imageId: string }> | null,
  exclude: boolean,
): Promise<BatchResult> {
  const self = taskPath(entry.taskId);
  const images: BatchResult['images'] = [];
  if (view && view.progress.imagesStored > 0) {
    let after: string | undefined;
    do {
      const page = await readModels.listImages(entry.taskId, { status: 'stored', limit: IMAGE_PAGE, after });
      for (const image of page.items) {
        const listed: BatchResultImage = { id: image.id, sourceUrl: image.sourceUrl, sha256: image.sha256, url: `${self}/images/${image.id}` };
        if (index) {
          listed.nearDuplicateOf = image.perceptualHash ? index.earliestNear(image.perceptualHash) : null;
          if (image.perceptualHash) index.add(image.perceptualHash, { taskId: entry.taskId, imageId: image.id });
          if (exclude && listed.nearDuplicateOf) continue;
        }
        images.push(listed);
      }
      after = page.next ?? undefined;
    } while (after);
  }
  // An entry the relay never released has no task: it waits (queued), or was cancelled with the batch.
  const status = view?.status ?? (batch.cancelled ? 'cancelled' : 'queued');
  return { url: entry.url, line: entry.line, taskId: entry.taskId, status, text: view?.text ? `${self}/text` : null, images };
}
