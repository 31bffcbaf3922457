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
 * Drops every read model and replays the whole log from the first event: the "rebuild state" use of
 * the design. Run it with the projector stopped; it leaves the checkpoint at the last event replayed,
 * so a projector started afterwards goes on from there.
 */
export async function rebuildReadModels(eventStore: EventStore, readModels: ReadModelStore): Promise<{ events: number }> {
  await readModels.dropAll();
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
