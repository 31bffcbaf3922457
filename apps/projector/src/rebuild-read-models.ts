import type { EventStore } from '@trawl/event-store';
import type { ReadModelStore } from '@trawl/read-models';
import { PROJECTOR_SUBSCRIPTION } from './projector-subscription';
import { applyToReadModels } from './task-projection';
import { TaskMemory } from './task-memo';

/**
 * Events applied together: the projection writes each task once per page, and a store pays per write
 * call (MongoDB a round trip, SQLite outside a rebuild a commit), so pages are large.
 */
const PAGE = 10_000;
/**
 * Inside the one transaction of an SQLite rebuild (replaceAll) nothing commits until the end, and a
 * smaller page leaves less for the garbage collector to copy and promote (at 39,000 events: GC time
 * 260 -> 150 ms).
 */
const PAGE_IN_ONE_TRANSACTION = 2_500;

/**
 * A store that can swap in a whole rebuild at once (SQLite: one transaction, see
 * SqliteReadModelStore.replaceAll): it empties the read models, runs `load`, and makes its writes
 * visible together, or none of them when `load` fails.
 */
interface ReplacesAll {
  replaceAll<T>(load: () => Promise<T>): Promise<T>;
}

/**
 * Drops every read model and replays the whole log from the first event: the "rebuild state" use of
 * the design. Run it with the projector stopped; it leaves the checkpoint at the last event replayed,
 * so a projector started afterwards goes on from there.
 *
 * Where the store can (SQLite), the rebuild is atomic: the old read models serve until it is done, and
 * a rebuild killed halfway leaves them as they were. Elsewhere (MongoDB) they are dropped first, and a
 * rebuild killed halfway leaves a partial state that the next rebuild replaces.
 */
export async function rebuildReadModels(eventStore: EventStore, readModels: ReadModelStore): Promise<{ events: number }> {
  if (replacesAll(readModels)) return readModels.replaceAll(() => replay(eventStore, readModels, PAGE_IN_ONE_TRANSACTION));
  await readModels.dropAll();
  return replay(eventStore, readModels, PAGE);
}

async function replay(eventStore: EventStore, readModels: ReadModelStore, pageSize: number): Promise<{ events: number }> {
  let from: string | undefined;
  let events = 0;
  const memory = new TaskMemory();
  for (;;) {
    const page = await eventStore.readAll({ from, maxCount: pageSize });
    await applyToReadModels(readModels, page, memory);
    events += page.length;
    if (page.length > 0) from = page.at(-1)!.position;
    if (page.length < pageSize) break;
  }
  if (from !== undefined) await readModels.saveCheckpoint(PROJECTOR_SUBSCRIPTION, from);
  return { events };
}

function replacesAll(store: ReadModelStore): store is ReadModelStore & ReplacesAll {
  return typeof (store as Partial<ReplacesAll>).replaceAll === 'function';
}
