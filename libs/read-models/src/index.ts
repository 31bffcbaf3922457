export * from './read-model.types';
export * from './batch-view.types';
export * from './batch-result.types';
export * from './read-model-store.port';
export * from './read-model.errors';
// A type only: the class loads when createReadModelStore is configured for MongoDB (mongoose is heavy).
export type { MongoReadModelStore } from './mongo/mongo-read-model-store';
export { SqliteReadModelStore } from './sqlite/sqlite-read-model-store';
export * from './create-read-model-store';
