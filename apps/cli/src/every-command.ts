// Nest (the collect command's embedded server) and the adapters' decorators need the metadata polyfill.
import 'reflect-metadata';
import { loadConfig } from '@trawl/config';
import { createInfrastructure } from '@trawl/platform';
import { commands } from './commands';

const USAGE = `usage: trawl <command> [args]
commands:
${Object.entries(commands).map(([name, command]) => `  ${name.padEnd(22)} ${command.summary}`).join('\n')}`;

/**
 * Any command with every adapter the environment configures (createInfrastructure), or the usage on
 * stderr for an unknown one. Loaded by main.ts only when the command needs more than the two stores.
 */
export async function runCommand(name: string | undefined, args: string[], print: (line: string) => void): Promise<number> {
  const command = name && Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`${USAGE}\n`);
    return name ? 2 : 0;
  }
  const infrastructure = await createInfrastructure(loadConfig());
  try {
    return await command.run(infrastructure, args, print);
  } finally {
    await infrastructure.close();
  }
}
