import { Schema, type Connection, type Model } from 'mongoose';
import { translateMongoError } from '@trawl/mongo';
import { decodeTaskCursor, pageLimit, toPage } from '../page-cursor';
import type { BatchListQuery, BatchTaskQuery, BatchView } from '../batch-view.types';
import type { Page, TaskView } from '../read-model.types';
import type { TaskDoc } from './read-model.schemas';

type BatchDoc = Omit<BatchView, 'id'> & { _id: string };

// The view is written whole by its one writer (the projector), so the schema only names the keys
// queries use; `strict: false` keeps the rest as given.
const batchSchema = new Schema<BatchDoc>(
  { _id: { type: String, required: true }, createdAt: { type: String, required: true } },
  { versionKey: false, autoIndex: false, strict: false, collection: 'batches' },
);
batchSchema.index({ createdAt: -1, _id: -1 });

/**
 * Batch views in MongoDB (collection `batches`). New views are inserted (cheap on FerretDB); an
 * existing one is replaced once per call, and the projector calls once per event batch.
 */
export class MongoBatchViews {
  private constructor(
    private readonly batches: Model<BatchDoc>,
    private readonly tasks: Model<TaskDoc>,
    private readonly toTaskView: (doc: TaskDoc) => TaskView,
  ) {}

  static async bind(connection: Connection, tasks: Model<TaskDoc>, toTaskView: (doc: TaskDoc) => TaskView): Promise<MongoBatchViews> {
    const batches = connection.model<BatchDoc>('BatchView', batchSchema);
    await guard(batches.createIndexes());
    return new MongoBatchViews(batches, tasks, toTaskView);
  }

  async getMany(ids: readonly string[]): Promise<Map<string, BatchView>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const docs = await guard(this.batches.find({ _id: { $in: unique } }).lean<BatchDoc[]>());
    return new Map(docs.map((doc) => [doc._id, toBatchView(doc)]));
  }

  async save(views: readonly BatchView[]): Promise<void> {
    if (views.length === 0) return;
    const stored = await guard(this.batches.find({ _id: { $in: views.map((view) => view.id) } }, { _id: 1 }).lean<Array<{ _id: string }>>());
    const existing = new Set(stored.map((doc) => doc._id));
    const fresh = views.filter((view) => !existing.has(view.id)).map(toDoc);
    if (fresh.length > 0) await guard(this.batches.insertMany(fresh, { ordered: false, lean: true }));
    for (const view of views) {
      if (existing.has(view.id)) await guard(this.batches.replaceOne({ _id: view.id }, toDoc(view), { upsert: true }));
    }
  }

  async list(query: BatchListQuery): Promise<Page<BatchView>> {
    const limit = pageLimit(query.limit, 50);
    const filter: Record<string, unknown> = {};
    if (query.after) {
      const [createdAt, id] = decodeTaskCursor(query.after);
      filter.$or = [{ createdAt: { $lt: createdAt } }, { createdAt, _id: { $lt: id } }];
    }
    const docs = await guard(this.batches.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit + 1).lean<BatchDoc[]>());
    return toPage(docs.map(toBatchView), limit, (view) => [view.createdAt, view.id]);
  }

  async listTasks(batchId: string, query: BatchTaskQuery): Promise<Page<TaskView>> {
    const limit = pageLimit(query.limit, 50);
    const filter: Record<string, unknown> = { batchId, ...(query.status ? { status: query.status } : {}) };
    if (query.after) {
      const [createdAt, id] = decodeTaskCursor(query.after);
      filter.$or = [{ createdAt: { $gt: createdAt } }, { createdAt, _id: { $gt: id } }];
    }
    const docs = await guard(this.tasks.find(filter).sort({ createdAt: 1, _id: 1 }).limit(limit + 1).lean<TaskDoc[]>());
    return toPage(docs.map(this.toTaskView), limit, (task) => [task.createdAt, task.id]);
  }

  async dropAll(): Promise<void> {
    await guard(this.batches.deleteMany({}));
  }
}

function toDoc({ id, ...fields }: BatchView): BatchDoc {
  return { _id: id, ...fields };
}

function toBatchView({ _id, ...fields }: BatchDoc): BatchView {
  return { id: _id, ...fields } as BatchView;
}

async function guard<T>(operation: PromiseLike<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    throw translateMongoError(error);
  }
}
