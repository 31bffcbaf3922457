// First: on the wrong Node, exit with one line before the stores load node:sqlite.
import '../../trawl/src/require-supported-node';
import 'reflect-metadata';
import { loadConfig } from '@trawl/config';
import { createInfrastructure } from '@trawl/platform';
import { commands } from './commands';

const USAGE = `usage: trawl <command> [args]
commands:
${Object.entries(commands).map(([name, command]) => `  ${name.padEnd(22)} ${command.summary}`).join('\n')}`;

/** The operator CLI: runs one command against the adapters the environment configures, then exits. */
async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`${USAGE}\n`);
    return name ? 2 : 0;
  }
  const infrastructure = await createInfrastructure(loadConfig());
  try {
    return await command.run(infrastructure, args, (line) => process.stdout.write(`${line}\n`));
  } finally {
    await infrastructure.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`trawl: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
