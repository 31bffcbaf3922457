import mongoose from 'mongoose';

/**
 * Raw access to the read-model collections of a deployment, for assertions the API cannot make:
 * no duplicate rows, and identical documents before and after a rebuild.
 */
export async function withReadModelDatabase<T>(mongoUrl: string, use: (db: mongoose.mongo.Db) => Promise<T>): Promise<T> {
  const connection = await mongoose.createConnection(mongoUrl).asPromise();
  try {
    return await use(connection.db!);
  } finally {
    await connection.close();
  }
}

/** Every task and image document, in a stable order, without the storage-assigned image `_id`. */
export async function snapshotReadModels(db: mongoose.mongo.Db): Promise<{ tasks: unknown[]; images: unknown[] }> {
  const tasks = await db.collection('tasks').find({}).sort({ _id: 1 }).toArray();
  const images = await db.collection('task_images').find({}, { projection: { _id: 0 } }).sort({ taskId: 1, id: 1 }).toArray();
  return { tasks, images };
}
