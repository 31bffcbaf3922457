import type { EventStore } from './event-store.port';
import { EsdbEventStore } from './esdb/esdb-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

/** Which event store a process uses: one SQLite file on this machine, or an EventStoreDB server. */
export type EventStoreConfig = { kind: 'sqlite'; path: string } | { kind: 'eventstoredb'; url: string };

/**
 * Opens the configured event store. The SQLite file is created if missing; the EventStoreDB client
 * connects lazily, so an unreachable server shows on the first call (use `ping()` for readiness).
 */
export async function createEventStore(config: EventStoreConfig): Promise<EventStore> {
  switch (config.kind) {
    case 'sqlite':
      return new SqliteEventStore({ path: config.path });
    case 'eventstoredb':
      return new EsdbEventStore({ url: config.url });
  }
}
