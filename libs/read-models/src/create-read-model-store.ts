import type { ReadModelStore } from './read-model-store.port';
import type * as MongoReadModelStoreFile from './mongo/mongo-read-model-store';
import { SqliteReadModelStore } from './sqlite/sqlite-read-model-store';

export type ReadModelStoreConfig = { kind: 'mongo'; url: string } | { kind: 'sqlite'; path: string };

/**
 * Opens the configured read-model store: MongoDB on a connection of its own, or an SQLite file
 * (embedded mode). Rejects with UnavailableError if the backend cannot be reached or opened.
 */
export async function createReadModelStore(config: ReadModelStoreConfig): Promise<ReadModelStore> {
  switch (config.kind) {
    case 'mongo': {
      // Loaded only when configured: mongoose and its driver cost a few hundred ms of start-up that an
      // embedded process (the SQLite rebuild above all) would otherwise pay for nothing.
      const { MongoReadModelStore } = require('./mongo/mongo-read-model-store') as typeof MongoReadModelStoreFile;
      return MongoReadModelStore.connect(config.url);
    }
    case 'sqlite':
      return new SqliteReadModelStore(config.path);
  }
}
