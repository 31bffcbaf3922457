import type { EventStore } from '@trawl/event-store';
import type { ReadModelStore } from '@trawl/read-models';
import { PROJECTOR_SUBSCRIPTION } from './projector-subscription';
import { applyToReadModels } from './task-projection';
import { TaskMemory } from './task-memo';

/**
 * Events applied together: the projection writes each task once per batch, and an SQLite store
 * commits once per write call, so a rebuild gains from big pages (and memory holds them easily).
 */
const PAGE = 10_000;

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
  if (replacesAll(readModels)) return readModels.replaceAll(() => replay(eventStore, readModels));
  await readModels.dropAll();
  return replay(eventStore, readModels);
}

async function replay(eventStore: EventStore, readModels: ReadModelStore): Promise<{ events: number }> {
  let from: string | undefined;
  let events = 0;
  const memory = new TaskMemory();
  for (;;) {
    const page = await eventStore.readAll({ from, maxCount: PAGE });
    await applyToReadModels(readModels, page, memory);
    events += page.length;
    if (page.length > 0) from = page.at(-1)!.position;
    if (page.length < PAGE) break;
  }
  if (from !== undefined) await readModels.saveCheckpoint(PROJECTOR_SUBSCRIPTION, from);
  return { events };
}

function replacesAll(store: ReadModelStore): store is ReadModelStore & ReplacesAll {
  return typeof (store as Partial<ReplacesAll>).replaceAll === 'function';
}
