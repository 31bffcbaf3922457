import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKey, translateMongoError } from '@trawl/mongo';
import type { BlobReference, TaskView } from '../read-model.types';
import type { ReadModelModels, TaskDoc } from './read-model.schemas';

/** One task's reference to one blob, `_id` = `sha256/taskId`: inserted once, never updated. */
interface BlobReferenceDoc {
  _id: string;
  sha256: string;
  taskId: string;
}

const referenceSchema = new Schema<BlobReferenceDoc>(
  { _id: { type: String, required: true }, sha256: { type: String, required: true }, taskId: { type: String, required: true } },
  { versionKey: false, autoIndex: false, collection: 'blob_references' },
);
referenceSchema.index({ sha256: 1 });
referenceSchema.index({ taskId: 1 });

const FINAL: TaskView['status'][] = ['completed', 'failed', 'cancelled'];

/**
 * Retention's part of the MongoDB store (ADR 0009): references are inserted (cheap on FerretDB,
 * where updates are what cost), and removed by task when it expires.
 */
export class MongoRetention {
  private constructor(
    private readonly references: Model<BlobReferenceDoc>,
    private readonly models: ReadModelModels,
    private readonly toTaskView: (doc: TaskDoc) => TaskView,
  ) {}

  static async bind(connection: Connection, models: ReadModelModels, toTaskView: (doc: TaskDoc) => TaskView): Promise<MongoRetention> {
    const references = connection.model<BlobReferenceDoc>('BlobReference', referenceSchema);
    await guard(references.createIndexes());
    return new MongoRetention(references, models, toTaskView);
  }

  async saveReferences(references: readonly BlobReference[]): Promise<void> {
    if (references.length === 0) return;
    const docs = [...new Map(references.map(({ sha256, taskId }) => [`${sha256}/${taskId}`, { _id: `${sha256}/${taskId}`, sha256, taskId }])).values()];
    try {
      await this.references.insertMany(docs, { ordered: false, lean: true });
    } catch (error) {
      // Already there (a replay): the reference is written once, and that is the one.
      if (!isDuplicateKey(error) && !(error as { writeErrors?: unknown }).writeErrors) throw translateMongoError(error);
    }
  }

  async removeTaskContent(taskIds: readonly string[]): Promise<void> {
    const ids = [...new Set(taskIds)];
    if (ids.length === 0) return;
    const { images, outcomes } = this.models;
    await guard(Promise.all([images.deleteMany({ taskId: { $in: ids } }), outcomes.deleteMany({ taskId: { $in: ids } }), this.references.deleteMany({ taskId: { $in: ids } })]));
  }

  async referencedBlobs(sha256s: readonly string[], exceptTaskIds: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(sha256s)];
    if (unique.length === 0) return new Set();
    const docs = await guard(this.references.find({ sha256: { $in: unique }, taskId: { $nin: [...new Set(exceptTaskIds)] } }, { sha256: 1 }).lean<Array<{ sha256: string }>>());
    return new Set(docs.map((doc) => doc.sha256));
  }

  async listExpiryCandidates(query: { now: string; finalBefore: string | null; limit: number }): Promise<TaskView[]> {
    const due: Record<string, unknown>[] = [{ expiresAt: { $lte: query.now } }];
    if (query.finalBefore !== null) due.push({ updatedAt: { $lte: query.finalBefore } });
    const docs = await guard(this.models.tasks.find({ status: { $in: FINAL }, $or: due }).limit(query.limit).lean<TaskDoc[]>());
    return docs.map(this.toTaskView);
  }

  async listUnreleasedTombstones(limit: number): Promise<TaskView[]> {
    const docs = await guard(this.models.tasks.find({ status: 'expired', blobsReleasedAt: { $exists: false } }).limit(limit).lean<TaskDoc[]>());
    return docs.map(this.toTaskView);
  }

  async dropAll(): Promise<void> {
    await guard(this.references.deleteMany({}));
  }
}

async function guard<T>(operation: PromiseLike<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    throw translateMongoError(error);
  }
}
