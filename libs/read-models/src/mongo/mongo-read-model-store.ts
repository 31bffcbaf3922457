import type { Connection } from 'mongoose';
import { UnavailableError } from '@trawl/errors';
import { DEFAULT_IMAGE_PAGE_LIMIT, decodeImageCursor, decodeTaskCursor, pageLimit, toPage } from '../page-cursor';
import type { ReadModelStore } from '../read-model-store.port';
import { emptyTaskCounts, type ImageStatus, type ImageView, type Page, type TaskListQuery, type TaskStatus, type TaskView } from '../read-model.types';
import { isDuplicateKey, openMongoConnection, translateMongoError, type MongoConnectOptions } from '@trawl/mongo';
import { KeyedSerializer } from './keyed-serializer';
import { saveImageRows } from './mongo-image-writes';
import { bindReadModels, type ImageDoc, type ReadModelModels, type TaskDoc } from './read-model.schemas';

/**
 * Read models in MongoDB (collections `tasks`, `task_images`, `checkpoints`), keeping to what
 * FerretDB 1.24 runs: no transactions, simple aggregation. Writes are revision-guarded upserts:
 * `updateOne({ key, revision: { $lt: new } }, { $set })`; when the stored revision is not lower, the
 * upsert's insert hits the unique key, and that duplicate-key error means "stale, nothing written".
 */
export class MongoReadModelStore implements ReadModelStore {
  private readonly writes = new KeyedSerializer();

  private constructor(
    private readonly connection: Connection,
    private readonly models: ReadModelModels,
    private readonly ownsConnection: boolean,
  ) {}

  /** Connects with a connection of its own (closed by close()) and ensures the indexes. */
  static async connect(url: string, options: MongoConnectOptions = {}): Promise<MongoReadModelStore> {
    const connection = await openMongoConnection(url, options);
    try {
      return new MongoReadModelStore(connection, await bindReadModels(connection), true);
    } catch (error) {
      await connection.close();
      throw translateMongoError(error);
    }
  }

  /** On a connection owned by the caller (close() leaves it open). */
  static async onConnection(connection: Connection): Promise<MongoReadModelStore> {
    return new MongoReadModelStore(connection, await guard(bindReadModels(connection)), false);
  }

  async getTask(id: string): Promise<TaskView | null> {
    const doc = await guard(this.models.tasks.findById(id).lean<TaskDoc>());
    return doc ? toTaskView(doc) : null;
  }

  async saveTask(view: TaskView): Promise<boolean> {
    const { id, ...fields } = view;
    const guardFilter = { _id: id, revision: { $lt: view.revision } };
    return this.writes.run(`task:${id}`, async () => {
      try {
        const result = await this.models.tasks.updateOne(guardFilter, { $set: fields }, { upsert: true });
        return result.matchedCount + result.upsertedCount > 0;
      } catch (error) {
        // Stored revision >= ours, or another process inserted first: retry as a plain guarded update.
        if (!isDuplicateKey(error)) throw translateMongoError(error);
        const result = await guard(this.models.tasks.updateOne(guardFilter, { $set: fields }));
        return result.matchedCount > 0;
      }
    });
  }

  async countTasks(): Promise<Record<TaskStatus, number>> {
    const groups = await guard(this.models.tasks.aggregate<{ _id: TaskStatus; n: number }>([{ $group: { _id: '$status', n: { $sum: 1 } } }]));
    const counts = emptyTaskCounts();
    for (const group of groups) if (group._id in counts) counts[group._id] = group.n;
    return counts;
  }

  async listTasks(query: TaskListQuery): Promise<Page<TaskView>> {
    const limit = pageLimit(query.limit, 50);
    const filter: Record<string, unknown> = query.status ? { status: query.status } : {};
    if (query.after) {
      const [createdAt, id] = decodeTaskCursor(query.after);
      filter.$or = [{ createdAt: { $lt: createdAt } }, { createdAt, _id: { $lt: id } }];
    }
    const docs = await guard(this.models.tasks.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit + 1).lean<TaskDoc[]>());
    return toPage(docs.map(toTaskView), limit, (task) => [task.createdAt, task.id]);
  }

  async saveImages(rows: readonly ImageView[]): Promise<void> {
    const byTask = new Map<string, ImageView[]>();
    for (const row of rows) {
      const batch = byTask.get(row.taskId);
      if (batch) batch.push(row);
      else byTask.set(row.taskId, [row]);
    }
    await Promise.all([...byTask].map(([taskId, batch]) => this.writes.run(`images:${taskId}`, () => guard(saveImageRows(this.models.images, batch)))));
  }

  async getImage(taskId: string, imageId: string): Promise<ImageView | null> {
    const doc = await guard(this.models.images.findOne({ taskId, id: imageId }).lean<ImageDoc>());
    return doc ? toImageView(doc) : null;
  }

  async listImages(taskId: string, query: { status?: ImageStatus; limit?: number; after?: string } = {}): Promise<Page<ImageView>> {
    const limit = pageLimit(query.limit, DEFAULT_IMAGE_PAGE_LIMIT);
    const filter: Record<string, unknown> = query.status ? { taskId, status: query.status } : { taskId };
    if (query.after) {
      const [ordinal, id] = decodeImageCursor(query.after);
      filter.$or = [{ ordinal: { $gt: ordinal } }, { ordinal, id: { $gt: id } }];
    }
    const docs = await guard(this.models.images.find(filter).sort({ ordinal: 1, id: 1 }).limit(limit + 1).lean<ImageDoc[]>());
    return toPage(docs.map(toImageView), limit, (image) => [image.ordinal, image.id]);
  }

  async countImages(taskId: string): Promise<Record<ImageStatus, number>> {
    const groups = await guard(
      this.models.images.aggregate<{ _id: ImageStatus; n: number }>([{ $match: { taskId } }, { $group: { _id: '$status', n: { $sum: 1 } } }]),
    );
    const counts: Record<ImageStatus, number> = { pending: 0, stored: 0, failed: 0 };
    for (const group of groups) if (group._id in counts) counts[group._id] = group.n;
    return counts;
  }

  async getCheckpoint(name: string): Promise<string | null> {
    const doc = await guard(this.models.checkpoints.findById(name).lean());
    return doc?.position ?? null;
  }

  async saveCheckpoint(name: string, position: string): Promise<void> {
    await guard(this.models.checkpoints.updateOne({ _id: name }, { $set: { position, updatedAt: new Date() } }, { upsert: true }));
  }

  async dropAll(): Promise<void> {
    // deleteMany rather than drop: the indexes stay, and no concurrent reader sees a missing collection.
    await guard(Promise.all([this.models.tasks.deleteMany({}), this.models.images.deleteMany({}), this.models.checkpoints.deleteMany({})]));
  }

  async ping(): Promise<void> {
    const db = this.connection.db;
    if (!db) throw new UnavailableError('MongoDB connection is not open');
    await guard(db.command({ ping: 1 }));
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await this.connection.close();
  }
}

function toTaskView(doc: TaskDoc): TaskView {
  const { _id, url, collect, respectRobots, status, progress, error, warnings, page, text, createdAt, updatedAt, revision } = doc;
  return {
    id: _id, url, collect, ...(respectRobots === undefined ? {} : { respectRobots }), status, progress, error,
    ...(warnings === undefined ? {} : { warnings }), page, text, createdAt, updatedAt, revision,
  };
}

function toImageView(doc: ImageDoc): ImageView {
  const { taskId, id, sourceUrl, status, sha256, contentType, width, height, bytes, error, ordinal, updatedAt, revision } = doc;
  return { taskId, id, sourceUrl, status, sha256, contentType, width, height, bytes, error, ordinal, updatedAt, revision };
}

async function guard<T>(operation: PromiseLike<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    throw translateMongoError(error);
  }
}
