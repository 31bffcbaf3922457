import { PROJECTOR_SUBSCRIPTION } from '../../../projector/src/projector.service';
import { RELAY_SUBSCRIPTION } from '../../../relay/src/relay.service';
import type { CliCommand } from '../cli-command';

/** Every checkpointed subscription of the event store's log. */
export const SUBSCRIPTIONS = [PROJECTOR_SUBSCRIPTION, RELAY_SUBSCRIPTION] as const;

/**
 * Counting stops here: the event store may have to read the events to count them (EventStoreDB), and a
 * subscription this far behind needs attention whatever the exact number.
 */
export const LAG_COUNT_LIMIT = 100_000;

/**
 * `checkpoints`: each subscription's saved checkpoint and how many events of the log follow it. The
 * checkpoint is saved every few events or a fraction of a second (CheckpointWriter), so a running
 * subscription shows a small lag even when it is up to date.
 */
export const checkpointsCommand: CliCommand = {
  summary: "print each subscription's checkpoint and its lag in events behind the head",
  async run({ eventStore, readModels }, _args, print) {
    const head = await eventStore.headPosition();
    print(`head: ${head ?? 'none (no events)'}`);
    for (const name of SUBSCRIPTIONS) {
      const checkpoint = await readModels.getCheckpoint(name);
      const behind = await eventStore.countEventsAfter(checkpoint ?? undefined, LAG_COUNT_LIMIT);
      const lag = behind >= LAG_COUNT_LIMIT ? `>= ${LAG_COUNT_LIMIT}` : String(behind);
      print(`${name}: checkpoint ${checkpoint ?? 'none (starts from the first event)'}, lag ${lag} events`);
    }
    return 0;
  },
};
