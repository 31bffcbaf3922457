import { Schema, type Connection, type Model } from 'mongoose';
import { translateMongoError } from '@trawl/mongo';
import { inDiscoveryOrder, type BatchResultImage, type BatchResultRow, type BatchResultRows, type BatchResultWrites } from '../batch-result.types';
import { insertNew } from './insert-new';

type RowDoc = BatchResultRow & { _id: string };
type ImageDoc = BatchResultImage & { _id: string };

// Written whole by the projector, so the schemas only name the keys that queries use.
const options = { versionKey: false, autoIndex: false, strict: false } as const;
const rowSchema = new Schema<RowDoc>({ _id: { type: String, required: true }, batchId: String, revision: Number }, { ...options, collection: 'batch_results' });
const imageSchema = new Schema<ImageDoc>({ _id: { type: String, required: true }, taskId: String, ordinal: Number, id: String }, { ...options, collection: 'batch_result_images', id: false });
imageSchema.index({ taskId: 1, ordinal: 1, id: 1 });

/**
 * The results projection in MongoDB (collections `batch_results`, `_id` = task id, and
 * `batch_result_images`, `_id` = task id/image id). Both are written by insertion (cheap on FerretDB);
 * an outcome row is replaced only in the rare cases that change a final task's result. A page of
 * results reads each collection once with `$in` of the page's task ids: MongoDB serves it from the
 * indexes; FerretDB 1.24 over SQLite decodes the collection once per read, which is what makes a page
 * one scan of small documents instead of a scan of the task and image collections per task.
 */
export class MongoBatchResults {
  private constructor(
    private readonly rows: Model<RowDoc>,
    private readonly images: Model<ImageDoc>,
  ) {}

  static async bind(connection: Connection): Promise<MongoBatchResults> {
    const rows = connection.model<RowDoc>('BatchResultRow', rowSchema);
    const images = connection.model<ImageDoc>('BatchResultImage', imageSchema);
    await guard(Promise.all([rows.createIndexes(), images.createIndexes()]));
    return new MongoBatchResults(rows, images);
  }

  async save({ rows, images, expiredTaskIds }: BatchResultWrites): Promise<void> {
    // Images before rows: a reader that finds a task's final row finds its images.
    await guard(insertNew(this.images, images.map((image) => ({ _id: `${image.taskId}/${image.id}`, ...image }))));
    if (expiredTaskIds.length > 0) await guard(this.images.deleteMany({ taskId: { $in: [...expiredTaskIds] } }));
    const newest = new Map<string, BatchResultRow>();
    for (const row of rows) if ((newest.get(row.taskId)?.revision ?? -1) < row.revision) newest.set(row.taskId, row);
    const existing = await guard(insertNew(this.rows, [...newest.values()].map((row) => ({ _id: row.taskId, ...row }))));
    for (const taskId of existing) {
      const row = newest.get(taskId)!;
      await guard(this.rows.replaceOne({ _id: taskId, revision: { $lt: row.revision } }, { _id: taskId, ...row }));
    }
  }

  async list(batchId: string, taskIds: readonly string[]): Promise<BatchResultRows> {
    const ids = [...new Set(taskIds)];
    const rows = new Map<string, BatchResultRow>();
    const images = new Map<string, BatchResultImage[]>();
    if (ids.length === 0) return { rows, images };
    const [rowDocs, imageDocs] = await guard(Promise.all([
      this.rows.find({ _id: { $in: ids }, batchId }).lean<RowDoc[]>(),
      this.images.find({ taskId: { $in: ids }, batchId }).lean<ImageDoc[]>(),
    ]));
    for (const { _id, ...row } of rowDocs) rows.set(row.taskId, row);
    for (const { _id, ...image } of imageDocs) {
      const list = images.get(image.taskId);
      if (list) list.push(image);
      else images.set(image.taskId, [image]);
    }
    for (const list of images.values()) inDiscoveryOrder(list);
    return { rows, images };
  }

  async dropAll(): Promise<void> {
    await guard(Promise.all([this.rows.deleteMany({}), this.images.deleteMany({})]));
  }
}

async function guard<T>(operation: PromiseLike<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    throw translateMongoError(error);
  }
}
