import type { Infrastructure } from '@trawl/platform';

/** One operator command: runs against the adapters the environment configures; resolves to an exit code. */
export interface CliCommand {
  summary: string;
  run(infrastructure: Infrastructure, args: string[], print: (line: string) => void): Promise<number>;
}
