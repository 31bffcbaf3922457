import { rebuildReadModels } from '../../../projector/src/rebuild-read-models';
import type { CliStores } from './open-stores';

/**
 * `trawl rebuild-read-models`. It needs the event store and the read models alone, so main.ts opens
 * just those (openStores) without loading the rest of trawl: this module's imports stay lean on purpose.
 */
export const rebuildCommand = {
  summary: 'drop every read model and replay all events (stop the projector first)',
  async run({ eventStore, readModels }: CliStores, _args: string[], print: (line: string) => void): Promise<number> {
    const started = Date.now();
    const { events } = await rebuildReadModels(eventStore, readModels);
    print(`rebuilt read models from ${events} events in ${Date.now() - started} ms`);
    return 0;
  },
};
