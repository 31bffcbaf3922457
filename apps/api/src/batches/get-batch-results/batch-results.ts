import type { BatchEntry, BatchStreams } from '@trawl/domain';
import { NearDuplicateIndex } from '@trawl/imaging';
import type { BatchView, ReadModelStore, TaskView } from '@trawl/read-models';
import { taskPath } from '../../tasks/task-presenter';
import { outcomesOf, type TaskOutcome } from './task-outcomes';

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

/**
 * The batch's results in submission order, from entry `from` on, `max` of them at most: entries come
 * from the batch's stream a chunk (1,000) at a time, and the outcomes of a chunk's wanted entries in
 * one read of the results projection (see outcomesOf), so memory holds one chunk whatever the batch's
 * size, and a page costs one read however many tasks it lists.
 */
export async function* batchResults(
  streams: BatchStreams,
  readModels: ReadModelStore,
  batch: BatchView,
  from = 0,
  nearDuplicates?: BatchNearDuplicates,
  max = Number.POSITIVE_INFINITY,
): AsyncGenerator<BatchResult> {
  // Near-duplicates are judged against every earlier image of the batch, so a page that starts later
  // reads the entries before it too (their images indexed, not returned).
  const index = nearDuplicates ? new NearDuplicateIndex<{ taskId: string; imageId: string }>(nearDuplicates.threshold, BATCH_NEAR_DUPLICATE_LIMIT) : null;
  let position = 0;
  let yielded = 0;
  for await (const event of streams.read(batch.id)) {
    if (event.type !== 'BatchUrlsAdded') continue;
    const entries = event.data.entries;
    const skipped = Math.max(0, from - position);
    if (!index && skipped >= entries.length) {
      position += entries.length;
      continue;
    }
    const start = index ? 0 : skipped;
    const wanted = entries.slice(start, Math.min(entries.length, skipped + (max - yielded)));
    const first = position + start;
    position += entries.length;
    const outcomes = await outcomesOf(readModels, batch, wanted);
    for (const [offset, entry] of wanted.entries()) {
      const result = resultOf(entry, outcomes.get(entry.taskId)!, index, nearDuplicates?.exclude ?? false);
      if (first + offset < from) continue;
      yield result;
      yielded += 1;
      if (yielded >= max) return;
    }
  }
}

function resultOf(entry: BatchEntry, outcome: TaskOutcome, index: NearDuplicateIndex<{ taskId: string; imageId: string }> | null, exclude: boolean): BatchResult {
  const self = taskPath(entry.taskId);
  const images: BatchResult['images'] = [];
  for (const image of outcome.images) {
    const listed: BatchResultImage = { id: image.id, sourceUrl: image.sourceUrl, sha256: image.sha256, url: `${self}/images/${image.id}` };
    if (index) {
      listed.nearDuplicateOf = image.perceptualHash ? index.earliestNear(image.perceptualHash) : null;
      if (image.perceptualHash) index.add(image.perceptualHash, { taskId: entry.taskId, imageId: image.id });
      if (exclude && listed.nearDuplicateOf) continue;
    }
    images.push(listed);
  }
  return { url: entry.url, line: entry.line, taskId: entry.taskId, status: outcome.status, text: outcome.hasText ? `${self}/text` : null, images };
}
