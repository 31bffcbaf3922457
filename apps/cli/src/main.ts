// First: on the wrong Node, exit with one line before the stores load node:sqlite.
import '../../trawl/src/require-supported-node';
import { loadConfig } from '@trawl/config';
import type * as EveryCommandFile from './every-command';
import type * as OpenStoresFile from './rebuild/open-stores';
import type * as RebuildCommandFile from './rebuild/rebuild-command';

type Print = (line: string) => void;

/**
 * Commands that use the event store and the read models alone: they load only their own modules and
 * those two stores (see openStores), so a rebuild does not wait for the rest of trawl to load (ADR 0011).
 */
const STORES_ONLY_COMMANDS: Record<string, () => typeof RebuildCommandFile.rebuildCommand> = {
  'rebuild-read-models': () => (require('./rebuild/rebuild-command') as typeof RebuildCommandFile).rebuildCommand,
};

/** The operator CLI: runs one command against the adapters the environment configures, then exits. */
async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const print: Print = (line) => process.stdout.write(`${line}\n`);
  const storesOnly = name && Object.hasOwn(STORES_ONLY_COMMANDS, name) ? STORES_ONLY_COMMANDS[name] : undefined;
  if (!storesOnly) return (require('./every-command') as typeof EveryCommandFile).runCommand(name, args, print);
  const command = storesOnly();
  const stores = await (require('./rebuild/open-stores') as typeof OpenStoresFile).openStores(loadConfig());
  try {
    return await command.run(stores, args, print);
  } finally {
    await stores.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`trawl: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
