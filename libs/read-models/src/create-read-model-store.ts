import type { ReadModelStore } from './read-model-store.port';
import { MongoReadModelStore } from './mongo/mongo-read-model-store';
import { SqliteReadModelStore } from './sqlite/sqlite-read-model-store';

export type ReadModelStoreConfig = { kind: 'mongo'; url: string } | { kind: 'sqlite'; path: string };

/**
 * Opens the configured read-model store: MongoDB on a connection of its own, or an SQLite file
 * (embedded mode). Rejects with UnavailableError if the backend cannot be reached or opened.
 */
export async function createReadModelStore(config: ReadModelStoreConfig): Promise<ReadModelStore> {
  switch (config.kind) {
    case 'mongo':
      return MongoReadModelStore.connect(config.url);
    case 'sqlite':
      return new SqliteReadModelStore(config.path);
  }
}
