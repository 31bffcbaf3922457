import { mkdir } from 'node:fs/promises';
import type { TrawlConfig } from '@trawl/config';
import type * as EventStoreLib from '@trawl/event-store';
import type { EventStore } from '@trawl/event-store';
import type * as SqliteEventStoreFile from '../../../../libs/event-store/src/sqlite/sqlite-event-store';
import { createReadModelStore, type ReadModelStore } from '@trawl/read-models';

/** What a stores-only command works on (a part of `Infrastructure`, which therefore serves too). */
export interface CliStores {
  eventStore: EventStore;
  readModels: ReadModelStore;
}

/**
 * Opens the configured event store and read models and nothing else (no job bus, no blob store), each
 * module required only once its kind is known: the embedded SQLite pair loads in tens of milliseconds,
 * where `createInfrastructure` loads every adapter's client (mongoose, kafkajs, the EventStoreDB gRPC
 * client) whichever is configured. `@trawl/read-models` loads MongoDB's only when configured;
 * `@trawl/event-store`'s index loads the EventStoreDB client, so the SQLite store comes from its own file.
 */
export async function openStores(config: TrawlConfig): Promise<CliStores & { close(): Promise<void> }> {
  await mkdir(config.dataDir, { recursive: true });
  const eventStore = config.eventStore.kind === 'sqlite'
    ? new (require('../../../../libs/event-store/src/sqlite/sqlite-event-store') as typeof SqliteEventStoreFile).SqliteEventStore({ path: config.eventStore.path })
    : await (require('../../../../libs/event-store/src') as typeof EventStoreLib).createEventStore(config.eventStore);
  try {
    const readModels = await createReadModelStore(config.readModels);
    return {
      eventStore,
      readModels,
      async close() {
        await readModels.close();
        await eventStore.close();
      },
    };
  } catch (error) {
    await eventStore.close();
    throw error;
  }
}
