// First: on the wrong Node, exit with one line before start-roles loads node:sqlite.
import './require-supported-node';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@trawl/config';
import { parseRoles, startRoles } from './start-roles';

/** trawl in one process: every role, embedded adapters unless servers are configured. */
async function main(): Promise<void> {
  const config = loadConfig();
  const roles = parseRoles(config.env.TRAWL_ROLES);
  const app = await startRoles(roles, config);
  // A process without the API (TRAWL_ROLES=fetcher) serves only /health, /ready and /metrics.
  const url = roles.includes('api') ? await app.getUrl().catch(() => null) : null;
  if (url) {
    const base = url.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
    new Logger('trawl').log(`API: ${base}/api/v1/tasks   docs: ${base}/docs`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`trawl failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
