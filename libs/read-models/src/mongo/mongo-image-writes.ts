import type { Model } from 'mongoose';
import type { ImageView } from '../read-model.types';
import type { ImageDoc } from './read-model.schemas';
import { isDuplicateKey } from '@trawl/mongo';

/**
 * Revision-guarded upserts of image rows (callers serialize per task, see KeyedSerializer), in a few
 * round trips per batch, within what FerretDB 1.24 supports. An upserting bulkWrite is avoided on purpose: there, a stale row's duplicate-key error
 * aborts the whole unordered batch. Instead: look up the stored revisions, update the rows that are
 * newer (a guarded update without upsert cannot fail), insert the new ones unordered, and fall back
 * to a guarded single-row upsert for any insert that lost a race.
 */
export async function saveImageRows(images: Model<ImageDoc>, rows: readonly ImageView[]): Promise<void> {
  for (const [taskId, batch] of newestPerImage(rows)) {
    const ids = [...batch.keys()];
    const stored = await images.find({ taskId, id: { $in: ids } }, { id: 1, revision: 1, _id: 0 }).lean();
    const storedRevision = new Map(stored.map((doc) => [doc.id, doc.revision]));
    const updates = [...batch.values()].filter((row) => (storedRevision.get(row.id) ?? Infinity) < row.revision);
    const inserts = [...batch.values()].filter((row) => !storedRevision.has(row.id));
    if (updates.length > 0) {
      await images.bulkWrite(updates.map((row) => ({ updateOne: { filter: guardOf(row), update: { $set: row } } })), { ordered: false });
    }
    if (inserts.length > 0) await insertOrFallBack(images, inserts);
  }
}

/** Upserts one row unless the stored one has a revision >= row.revision. Returns whether it wrote. */
export async function saveImageRow(images: Model<ImageDoc>, row: ImageView): Promise<boolean> {
  try {
    const result = await images.updateOne(guardOf(row), { $set: row }, { upsert: true });
    return result.matchedCount + result.upsertedCount > 0;
  } catch (error) {
    // The row exists with a revision >= ours, or a concurrent writer inserted it first: in the
    // second case the guarded update (no upsert) still applies ours if it is newer.
    if (!isDuplicateKey(error)) throw error;
    const result = await images.updateOne(guardOf(row), { $set: row });
    return result.matchedCount > 0;
  }
}

async function insertOrFallBack(images: Model<ImageDoc>, rows: ImageView[]): Promise<void> {
  try {
    await images.insertMany(rows, { ordered: false });
  } catch (error) {
    const failed = failedIndexes(error);
    if (!failed) throw error;
    for (const index of failed) await saveImageRow(images, rows[index]!);
  }
}

/** Indexes of the rows an unordered insert rejected as duplicates; null if anything else failed. */
function failedIndexes(error: unknown): number[] | null {
  const writeErrors = (error as { writeErrors?: Array<{ index: number; code?: number; err?: { code?: number } }> }).writeErrors;
  if (!Array.isArray(writeErrors) || writeErrors.length === 0) return null;
  const duplicates = writeErrors.filter((e) => (e.code ?? e.err?.code) === 11000);
  return duplicates.length === writeErrors.length ? duplicates.map((e) => e.index) : null;
}

function guardOf(row: ImageView) {
  return { taskId: row.taskId, id: row.id, revision: { $lt: row.revision } };
}

/** Groups rows by task, keeping per image the one with the highest revision (the first of a tie, like the SQLite adapter). */
function newestPerImage(rows: readonly ImageView[]): Map<string, Map<string, ImageView>> {
  const byTask = new Map<string, Map<string, ImageView>>();
  for (const row of rows) {
    const batch = byTask.get(row.taskId) ?? new Map<string, ImageView>();
    byTask.set(row.taskId, batch);
    const current = batch.get(row.id);
    if (!current || current.revision < row.revision) batch.set(row.id, row);
  }
  return byTask;
}
