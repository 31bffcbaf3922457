import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { ensureProvisioned } from './infra-cache';
import { spawnLogged, stopProcess, waitUntilReady } from './managed-process';
import { postgresBinDir, startPostgresServer } from './postgres-server';
import { mongoAnswers } from './probes';
import type { RunningServer } from './running-server';

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 10_000;

/** FerretDB's storage: PostgreSQL where its programs are installed (real indexes), else SQLite. */
export type FerretdbHandler = 'pg' | 'sqlite';

/**
 * Which handler the harness uses: TRAWL_FERRETDB_HANDLER when set, else PostgreSQL when it is installed.
 * On the SQLite handler every query and update scans its collection (see docs/adr/0014), which makes the
 * distributed mode's read models quadratic in the number of tasks stored.
 */
export function ferretdbHandler(): FerretdbHandler {
  const chosen = process.env.TRAWL_FERRETDB_HANDLER;
  if (chosen === 'pg' || chosen === 'sqlite') return chosen;
  if (chosen) throw new Error(`TRAWL_FERRETDB_HANDLER: expected pg or sqlite, got ${JSON.stringify(chosen)}`);
  return postgresBinDir() ? 'pg' : 'sqlite';
}

/**
 * Starts the provisioned FerretDB on a free loopback port, its state in a fresh temp dir, on PostgreSQL (a
 * throw-away cluster started first) or on SQLite (see {@link ferretdbHandler}), and resolves once a MongoDB
 * client can ping it. `stop()` shuts it down (SIGTERM, then SIGKILL), then its PostgreSQL, and removes both dirs.
 */
export async function startFerretdbServer(handler: FerretdbHandler = ferretdbHandler()): Promise<RunningServer> {
  const binary = join(ensureProvisioned('ferretdb'), 'ferretdb');
  const dir = await mkdtemp(join(tmpdir(), 'trawl-ferretdb-'));
  let postgres: RunningServer | undefined;
  try {
    const port = await freePort();
    const storage = await storageArgs(handler, dir);
    postgres = storage.postgres;
    const args = [
      ...storage.args,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${dir}`,
      '--debug-addr=-', // no metrics/pprof HTTP listener: one port less to collide
      '--telemetry=disable',
      '--log-level=warn',
    ];
    const server = spawnLogged(binary, args, join(dir, 'ferretdb.log'), dir);
    const url = `mongodb://127.0.0.1:${port}/`;
    const stop = async (): Promise<void> => {
      await stopProcess(server, STOP_GRACE_MS);
      await postgres?.stop();
      await rm(dir, { recursive: true, force: true });
    };
    try {
      await waitUntilReady(server, `ferretdb (${handler}) on ${url}`, () => mongoAnswers(url), READY_TIMEOUT_MS);
    } catch (error) {
      await stop();
      throw error;
    }
    return { endpoint: url, stop };
  } catch (error) {
    await postgres?.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function storageArgs(handler: FerretdbHandler, dir: string): Promise<{ args: string[]; postgres?: RunningServer }> {
  if (handler === 'pg') {
    const bin = postgresBinDir();
    if (!bin) throw new Error('TRAWL_FERRETDB_HANDLER=pg, but no PostgreSQL programs were found (set TRAWL_POSTGRES_BIN)');
    const postgres = await startPostgresServer(bin);
    return { args: ['--handler=pg', `--postgresql-url=${postgres.endpoint}`], postgres };
  }
  const data = join(dir, 'data');
  await mkdir(data);
  // FerretDB wants a directory URL, and only with the trailing slash.
  return { args: ['--handler=sqlite', `--sqlite-url=file:${data}/`] };
}
