import { Logger } from '@nestjs/common';
import { loadConfig } from '@trawl/config';
import { parseRoles, startRoles } from './start-roles';

/** trawl in one process: every role, embedded adapters unless servers are configured. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await startRoles(parseRoles(config.env.TRAWL_ROLES), config);
  const url = await app.getUrl().catch(() => null);
  if (url) {
    const base = url.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
    new Logger('trawl').log(`API: ${base}/api/v1/tasks   docs: ${base}/docs`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`trawl failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
