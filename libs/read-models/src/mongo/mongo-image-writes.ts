import type { Model } from 'mongoose';
import type { ImageView } from '../read-model.types';
import type { ImageDoc, ReadModelModels } from './read-model.schemas';

/** The `_id` of an image's documents: an `_id` equality is the one filter FerretDB 1.24 pushes down to SQLite (see findByIds). */
export function imageDocId(taskId: string, imageId: string): string {
  return `${taskId}/${imageId}`;
}

/**
 * Writes image rows by insertion only (ReadModelStore.saveImages): FerretDB 1.24 on SQLite rewrites
 * a document in time that grows with its collection (about 40 updates/s at 5,000 documents, measured
 * here), while an unordered insertMany writes thousands of documents a second. Every row's first
 * version goes into `task_images` (the discovery, kept as written); outcomes also go into
 * `task_image_outcomes`, where the first one is final. A row already there is a duplicate key, which
 * an unordered insert skips while it writes the rest.
 */
export async function saveImageRows(models: Pick<ReadModelModels, 'images' | 'outcomes'>, rows: readonly ImageView[]): Promise<void> {
  const firsts = new Map<string, ImageDoc>();
  const outcomes = new Map<string, ImageDoc>();
  for (const row of rows) {
    const doc = { _id: imageDocId(row.taskId, row.id), ...row };
    if (!firsts.has(doc._id)) firsts.set(doc._id, doc);
    if (row.status !== 'pending' && !outcomes.has(doc._id)) outcomes.set(doc._id, doc);
  }
  // Side by side: neither collection is read through the other while a batch writes (views come after).
  await Promise.all([insertSkippingDuplicates(models.images, [...firsts.values()]), insertSkippingDuplicates(models.outcomes, [...outcomes.values()])]);
}

async function insertSkippingDuplicates(model: Model<ImageDoc>, docs: ImageDoc[]): Promise<void> {
  if (docs.length === 0) return;
  try {
    await model.insertMany(docs, { ordered: false, lean: true });
  } catch (error) {
    if (!onlyDuplicates(error)) throw error;
  }
}

/** Whether an unordered insert failed only on documents that were already there. */
function onlyDuplicates(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: Array<{ code?: number; err?: { code?: number } }> }).writeErrors;
  if (Array.isArray(writeErrors) && writeErrors.length > 0) return writeErrors.every((e) => (e.code ?? e.err?.code) === 11000);
  return (error as { code?: number }).code === 11000;
}

/** A discovered row as it reads with its outcome, if it has one. */
export function withOutcome(first: ImageDoc | undefined, outcome: ImageDoc | undefined): ImageView {
  const view = toImageView((outcome ?? first)!);
  // An outcome keeps what only discovery knows: where the image was found, and its image–text pair.
  if (outcome && first?.via !== undefined) view.via = first.via;
  if (outcome && first?.context !== undefined) view.context = first.context;
  return view;
}

export function toImageView(doc: ImageDoc): ImageView {
  const { _id, ...view } = doc;
  return view;
}
