import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@trawl/config';
import { ROLES, startRoles } from '../../../trawl/src/start-roles';

export interface EmbeddedServer {
  baseUrl: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * trawl's embedded mode in this very process (every role, SQLite and file adapters), listening on a
 * free loopback port: what `npm start` runs, without a second terminal.
 */
export async function startEmbeddedServer(options: { dataDir: string | null; allowPrivate: string[] }): Promise<EmbeddedServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'trawl-collect-')));
  // Embedded means the embedded adapters: servers named in the environment are not this trawl's.
  for (const name of ['KAFKA_BROKERS', 'MONGO_URL', 'EVENTSTORE_URL', 'TRAWL_BLOB_STORE']) delete process.env[name];
  process.env.TRAWL_DATA_DIR = dataDir;
  process.env.PORT = '0';
  process.env.HOST = '127.0.0.1';
  if (options.allowPrivate.length) process.env.TRAWL_ALLOW_PRIVATE = options.allowPrivate.join(',');
  // Logs would tear the progress bar: only warnings and worse, unless the user asked otherwise.
  process.env.TRAWL_LOG_LEVEL ??= 'warn';
  const app = await startRoles([...ROLES], loadConfig());
  const address = app.getHttpServer().address() as { port: number };
  return { baseUrl: `http://127.0.0.1:${address.port}`, dataDir, close: () => app.close() };
}
