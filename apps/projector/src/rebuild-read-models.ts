import type { EventStore } from '@trawl/event-store';
import type { ReadModelStore } from '@trawl/read-models';
import { PROJECTOR_SUBSCRIPTION } from './projector.service';
import { applyToReadModels } from './task-projection';

const PAGE = 500;

/**
 * Drops every read model and replays the whole log from the first event: the "rebuild state" use of
 * the design. Run it with the projector stopped; it leaves the checkpoint at the last event replayed,
 * so a projector started afterwards goes on from there.
 */
export async function rebuildReadModels(eventStore: EventStore, readModels: ReadModelStore): Promise<{ events: number }> {
  await readModels.dropAll();
  let from: string | undefined;
  let events = 0;
  for (;;) {
    const page = await eventStore.readAll({ from, maxCount: PAGE });
    for (const event of page) await applyToReadModels(readModels, event);
    events += page.length;
    if (page.length > 0) from = page.at(-1)!.position;
    if (page.length < PAGE) break;
  }
  if (from !== undefined) await readModels.saveCheckpoint(PROJECTOR_SUBSCRIPTION, from);
  return { events };
}
