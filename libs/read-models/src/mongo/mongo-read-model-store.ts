import type { Connection } from 'mongoose';
import { UnavailableError } from '@trawl/errors';
import { DEFAULT_IMAGE_PAGE_LIMIT, decodeImageCursor, decodeTaskCursor, pageLimit, toPage } from '../page-cursor';
import type { ReadModelStore } from '../read-model-store.port';
import { emptyTaskCounts, type BlobReference, type ImageStatus, type ImageView, type Page, type TaskListQuery, type TaskStatus, type TaskView } from '../read-model.types';
import { isDuplicateKey, openMongoConnection, translateMongoError, type MongoConnectOptions } from '@trawl/mongo';
import { KeyedSerializer } from './keyed-serializer';
import { findByIds } from './find-by-ids';
import { insertNew } from './insert-new';
import { MongoBatchViews } from './mongo-batch-views';
import { MongoRetention } from './mongo-retention';
import { MongoBatchResults } from './mongo-batch-results';
import type { BatchResultRows, BatchResultWrites } from '../batch-result.types';
import type { BatchListQuery, BatchTaskQuery, BatchView } from '../batch-view.types';
import { imageDocId, saveImageRows, toImageView, withOutcome } from './mongo-image-writes';
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
    private readonly batches: MongoBatchViews,
    private readonly retention: MongoRetention,
    private readonly results: MongoBatchResults,
  ) {}

  /** Connects with a connection of its own (closed by close()) and ensures the indexes. */
  static async connect(url: string, options: MongoConnectOptions = {}): Promise<MongoReadModelStore> {
    const connection = await openMongoConnection(url, options);
    try {
      const models = await bindReadModels(connection);
      return new MongoReadModelStore(connection, models, true, await MongoBatchViews.bind(connection, models.tasks, toTaskView), await MongoRetention.bind(connection, models, toTaskView), await MongoBatchResults.bind(connection));
    } catch (error) {
      await connection.close();
      throw translateMongoError(error);
    }
  }

  /** On a connection owned by the caller (close() leaves it open). */
  static async onConnection(connection: Connection): Promise<MongoReadModelStore> {
    const models = await guard(bindReadModels(connection));
    return new MongoReadModelStore(connection, models, false, await MongoBatchViews.bind(connection, models.tasks, toTaskView), await guard(MongoRetention.bind(connection, models, toTaskView)), await MongoBatchResults.bind(connection));
  }

  async getTask(id: string): Promise<TaskView | null> {
    const doc = await guard(this.models.tasks.findById(id).lean<TaskDoc>());
    return doc ? toTaskView(doc) : null;
  }

  async getTaskRevision(id: string): Promise<number | null> {
    const doc = await guard(this.models.tasks.findById(id, { revision: 1 }).lean<Pick<TaskDoc, 'revision'>>());
    return doc ? doc.revision : null;
  }

  async getTasks(ids: readonly string[]): Promise<Map<string, TaskView>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const docs = await guard(findByIds(this.models.tasks, unique));
    return new Map(docs.map((doc) => [doc._id, toTaskView(doc)]));
  }

  /**
   * New views are inserted together (cheap); those already there are updated one by one, guarded by
   * their revision (an update is what costs on FerretDB, so a batch updates each task once at most).
   */
  async saveTasks(views: readonly TaskView[]): Promise<void> {
    const newest = new Map<string, TaskView>();
    for (const view of views) if ((newest.get(view.id)?.revision ?? -1) < view.revision) newest.set(view.id, view);
    if (newest.size === 0) return;
    const existing = await guard(insertNew(this.models.tasks, [...newest.values()].map(({ id, ...fields }) => ({ _id: id, ...fields }))));
    for (const view of newest.values()) if (existing.has(view.id)) await this.saveTask(view);
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
    // One insert per collection for the whole batch: FerretDB pays per round trip more than per row.
    await this.writes.run('images', () => guard(saveImageRows(this.models, rows)));
  }

  async getImage(taskId: string, imageId: string): Promise<ImageView | null> {
    return (await this.getImages(taskId, [imageId])).get(imageId) ?? null;
  }

  async getImages(taskId: string, imageIds: readonly string[]): Promise<Map<string, ImageView>> {
    const ids = [...new Set(imageIds)].map((imageId) => imageDocId(taskId, imageId));
    const rows = new Map<string, ImageView>();
    if (ids.length === 0) return rows;
    const [firsts, outcomes] = await guard(Promise.all([findByIds(this.models.images, ids), findByIds(this.models.outcomes, ids)]));
    const firstById = new Map(firsts.map((doc) => [doc.id, doc]));
    for (const doc of firsts) rows.set(doc.id, toImageView(doc));
    for (const doc of outcomes) rows.set(doc.id, withOutcome(firstById.get(doc.id), doc));
    return rows;
  }

  async listImages(taskId: string, query: { status?: ImageStatus; limit?: number; after?: string } = {}): Promise<Page<ImageView>> {
    const limit = pageLimit(query.limit, DEFAULT_IMAGE_PAGE_LIMIT);
    const after = query.after ? decodeImageCursor(query.after) : undefined;
    const byOrder = { ordinal: 1, id: 1 } as const;
    if (query.status === 'stored' || query.status === 'failed') {
      const docs = await guard(this.models.outcomes.find({ ...filterAfterCursor(taskId, after), status: query.status }).sort(byOrder).limit(limit + 1).lean<ImageDoc[]>());
      const firsts = await this.firstsOf(docs);
      return toPage(docs.map((doc) => withOutcome(firsts.get(doc._id), doc)), limit, (image) => [image.ordinal, image.id]);
    }
    // Discovered rows in order, each read with its outcome; for `pending`, those without one.
    const items: ImageView[] = [];
    let cursor: readonly [number, string] | undefined = after;
    for (;;) {
      const batchSize = query.status ? Math.max(limit + 1, 200) : limit + 1;
      const firsts = await guard(this.models.images.find(filterAfterCursor(taskId, cursor)).sort(byOrder).limit(batchSize).lean<ImageDoc[]>());
      const outcomes = await this.outcomesOf(firsts);
      for (const first of firsts) {
        const outcome = outcomes.get(first._id);
        if (query.status === 'pending' && outcome) continue;
        items.push(withOutcome(first, outcome));
        if (items.length > limit) break;
      }
      if (items.length > limit || firsts.length < batchSize) break;
      const last = firsts.at(-1)!;
      cursor = [last.ordinal, last.id];
    }
    return toPage(items, limit, (image) => [image.ordinal, image.id]);
  }

  async countImages(taskId: string): Promise<Record<ImageStatus, number>> {
    const [discovered, groups] = await guard(Promise.all([
      this.models.images.countDocuments({ taskId }),
      this.models.outcomes.aggregate<{ _id: ImageStatus; n: number }>([{ $match: { taskId } }, { $group: { _id: '$status', n: { $sum: 1 } } }]),
    ]));
    const counts: Record<ImageStatus, number> = { pending: 0, stored: 0, failed: 0 };
    for (const group of groups) if (group._id === 'stored' || group._id === 'failed') counts[group._id] = group.n;
    counts.pending = Math.max(0, discovered - counts.stored - counts.failed);
    return counts;
  }

  /** The discovered rows of outcome rows: what only discovery knows (via, context) is kept there. */
  private async firstsOf(outcomes: readonly ImageDoc[]): Promise<Map<string, ImageDoc>> {
    if (outcomes.length === 0) return new Map();
    const docs = await guard(this.models.images.find({ _id: { $in: outcomes.map((doc) => doc._id) } }).lean<ImageDoc[]>());
    return new Map(docs.map((doc) => [doc._id, doc]));
  }

  private async outcomesOf(firsts: readonly ImageDoc[]): Promise<Map<string, ImageDoc>> {
    if (firsts.length === 0) return new Map();
    const docs = await guard(this.models.outcomes.find({ _id: { $in: firsts.map((doc) => doc._id) } }).lean<ImageDoc[]>());
    return new Map(docs.map((doc) => [doc._id, doc]));
  }

  async getBatch(id: string): Promise<BatchView | null> {
    return (await this.batches.getMany([id])).get(id) ?? null;
  }
  async getBatches(ids: readonly string[]): Promise<Map<string, BatchView>> {
    return this.batches.getMany(ids);
  }
  async saveBatches(views: readonly BatchView[]): Promise<void> {
    await this.writes.run('batches', () => this.batches.save(views));
  }
  async listBatches(query: BatchListQuery): Promise<Page<BatchView>> {
    return this.batches.list(query);
  }
  async listBatchTasks(batchId: string, query: BatchTaskQuery): Promise<Page<TaskView>> {
    return this.batches.listTasks(batchId, query);
  }
  async saveBatchResults(writes: BatchResultWrites): Promise<void> {
    await this.writes.run('batch-results', () => this.results.save(writes));
  }
  async listBatchResults(batchId: string, taskIds: readonly string[]): Promise<BatchResultRows> {
    return this.results.list(batchId, taskIds);
  }
  async saveBlobReferences(references: readonly BlobReference[]): Promise<void> {
    await this.retention.saveReferences(references);
  }
  async removeTaskContent(taskIds: readonly string[]): Promise<void> {
    await this.retention.removeTaskContent(taskIds);
  }
  async referencedBlobs(sha256s: readonly string[], exceptTaskIds: readonly string[]): Promise<Set<string>> {
    return this.retention.referencedBlobs(sha256s, exceptTaskIds);
  }
  async listExpiryCandidates(query: { now: string; finalBefore: string | null; limit: number }): Promise<TaskView[]> {
    return this.retention.listExpiryCandidates(query);
  }
  async listUnreleasedTombstones(limit: number): Promise<TaskView[]> {
    return this.retention.listUnreleasedTombstones(limit);
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
    const { tasks, images, outcomes, checkpoints } = this.models;
    await guard(Promise.all([tasks.deleteMany({}), images.deleteMany({}), outcomes.deleteMany({}), checkpoints.deleteMany({}), this.batches.dropAll(), this.retention.dropAll(), this.results.dropAll()]));
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
  const { _id, url, collect, respectRobots, batchId, status, progress, error, warnings, page, text, createdAt, updatedAt, revision } = doc;
  // Optional parts are left out when absent, so a view reads back exactly as it was saved.
  const optional = { markdown: doc.markdown, html: doc.html, metadata: doc.metadata, extraction: doc.extraction, reusedFrom: doc.reusedFrom, expiresAt: doc.expiresAt, expiredAt: doc.expiredAt, blobsReleasedAt: doc.blobsReleasedAt };
  const present = Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined));
  return {
    id: _id, url, collect, ...(batchId === undefined ? {} : { batchId }), ...(respectRobots === undefined ? {} : { respectRobots }), status, progress, error,
    ...(warnings === undefined ? {} : { warnings }), page, text, ...present, createdAt, updatedAt, revision,
  };
}

function filterAfterCursor(taskId: string, cursor: readonly [number, string] | undefined): Record<string, unknown> {
  if (!cursor) return { taskId };
  return { taskId, $or: [{ ordinal: { $gt: cursor[0] } }, { ordinal: cursor[0], id: { $gt: cursor[1] } }] };
}

async function guard<T>(operation: PromiseLike<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    throw translateMongoError(error);
  }
}
