import { Schema, type Connection, type Model } from 'mongoose';
import type { ImageView, TaskView } from '../read-model.types';

/** A task view as stored: the view itself, with its id as `_id`. */
export type TaskDoc = Omit<TaskView, 'id'> & { _id: string };
/**
 * An image row as stored, with `_id` = `taskId/id` (FerretDB finds documents by `_id` fast and by
 * other fields by scanning). Discovered rows live in `task_images` and outcomes in
 * `task_image_outcomes`, both written once by insertion (see ReadModelStore.saveImages).
 */
export type ImageDoc = ImageView & { _id: string };
export interface CheckpointDoc {
  _id: string;
  position: string;
  updatedAt: Date;
}

const options = { versionKey: false, autoIndex: false } as const;
const errorInfo = new Schema({ code: { type: String, required: true }, message: { type: String, required: true } }, { _id: false });
const nullable = <T>(schema: Schema<T>) => ({ type: schema, default: null });

const taskSchema = new Schema<TaskDoc>(
  {
    _id: { type: String, required: true },
    url: { type: String, required: true },
    collect: { type: [String], default: [] },
    respectRobots: { type: Boolean },
    batchId: { type: String },
    status: { type: String, required: true },
    progress: { imagesFound: Number, imagesStored: Number, imagesFailed: Number },
    error: nullable(errorInfo),
    // No implicit [] (mongoose's array default): a view without warnings reads back without them.
    warnings: { type: [errorInfo], default: undefined },
    page: nullable(new Schema({ finalUrl: String, title: String, httpStatus: Number, contentType: String }, { _id: false })),
    text: nullable(new Schema({ sha256: String, bytes: Number }, { _id: false })),
    markdown: { type: new Schema({ sha256: String, bytes: Number }, { _id: false }), default: undefined },
    html: { type: new Schema({ sha256: String, bytes: Number }, { _id: false }), default: undefined },
    reusedFrom: { type: new Schema({ taskId: String, fetchedAt: String }, { _id: false }), default: undefined },
    metadata: { type: Schema.Types.Mixed, default: undefined },
    extraction: { type: Schema.Types.Mixed, default: undefined },
    // Retention (ADR 0009): the task's own expiry, and the tombstone's times.
    expiresAt: { type: String, default: undefined },
    expiredAt: { type: String, default: undefined },
    blobsReleasedAt: { type: String, default: undefined },
    createdAt: { type: String, required: true },
    updatedAt: { type: String, required: true },
    revision: { type: Number, required: true },
  },
  { ...options, collection: 'tasks' },
);
// Listing is newest first, optionally by status; the id breaks ties for a stable cursor.
taskSchema.index({ createdAt: -1, _id: -1 });
taskSchema.index({ status: 1, createdAt: -1, _id: -1 });
// The tasks of a batch, in request order, optionally by status.
taskSchema.index({ batchId: 1, status: 1, createdAt: 1, _id: 1 });
taskSchema.index({ batchId: 1, createdAt: 1, _id: 1 });
// The sweeper's candidates (retention, ADR 0009): due by expiresAt, or final and old enough.
taskSchema.index({ expiresAt: 1 }, { sparse: true });
taskSchema.index({ status: 1, updatedAt: 1 });

const imageFields = {
    _id: { type: String, required: true },
    taskId: { type: String, required: true },
    id: { type: String, required: true },
    sourceUrl: { type: String, required: true },
    status: { type: String, required: true },
    sha256: { type: String, default: null },
    contentType: { type: String, default: null },
    width: { type: Number, default: null },
    height: { type: Number, default: null },
    bytes: { type: Number, default: null },
    error: nullable(errorInfo),
    reusedFrom: { type: new Schema({ taskId: String, imageId: String, fetchedAt: String }, { _id: false }), default: undefined },
    via: { type: String, default: undefined },
    context: { type: Schema.Types.Mixed, default: undefined },
    perceptualHash: { type: String, default: undefined },
    thumbnails: { type: Schema.Types.Mixed, default: undefined },
    ordinal: { type: Number, required: true },
    updatedAt: { type: String, required: true },
    revision: { type: Number, required: true },
};
const imageSchema = new Schema<ImageDoc>(imageFields, { ...options, collection: 'task_images', id: false });
imageSchema.index({ taskId: 1, ordinal: 1, id: 1 });
const outcomeSchema = new Schema<ImageDoc>(imageFields, { ...options, collection: 'task_image_outcomes', id: false });
outcomeSchema.index({ taskId: 1, status: 1, ordinal: 1, id: 1 });

const checkpointSchema = new Schema<CheckpointDoc>(
  { _id: { type: String, required: true }, position: { type: String, required: true }, updatedAt: { type: Date, required: true } },
  { ...options, collection: 'checkpoints' },
);

export interface ReadModelModels {
  tasks: Model<TaskDoc>;
  images: Model<ImageDoc>;
  outcomes: Model<ImageDoc>;
  checkpoints: Model<CheckpointDoc>;
}

/** Binds the models to one connection and creates their indexes (and so their collections). */
export async function bindReadModels(connection: Connection): Promise<ReadModelModels> {
  const models: ReadModelModels = {
    tasks: connection.model<TaskDoc>('TaskView', taskSchema),
    images: connection.model<ImageDoc>('ImageView', imageSchema),
    outcomes: connection.model<ImageDoc>('ImageOutcome', outcomeSchema),
    checkpoints: connection.model<CheckpointDoc>('Checkpoint', checkpointSchema),
  };
  for (const model of Object.values(models) as Model<unknown>[]) await model.createIndexes();
  return models;
}
