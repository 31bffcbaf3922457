import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { spawnLogged, stopProcess, waitUntilReady, type RunAs } from './managed-process';
import type { RunningServer } from './running-server';

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 10_000;

/**
 * Where PostgreSQL's server programs are: TRAWL_POSTGRES_BIN, else the newest Debian package's
 * /usr/lib/postgresql/<major>/bin; null when neither holds initdb (then FerretDB keeps its SQLite handler).
 */
export function postgresBinDir(): string | null {
  const given = process.env.TRAWL_POSTGRES_BIN;
  if (given) return existsSync(join(given, 'initdb')) ? given : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const majors = readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
  const found = majors.map((major) => join(root, major, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
  return found ?? null;
}

/** PostgreSQL refuses to run as root: then it runs as the `postgres` account the package created. */
function runAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

const run = promisify(execFile);

async function isReady(bin: string, port: number): Promise<boolean> {
  try {
    await run(join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)], { timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * A throw-away PostgreSQL cluster on a free loopback port (initdb into a fresh temp dir, trust auth for
 * loopback only, the socket in the same dir), for FerretDB's PostgreSQL handler. It keeps PostgreSQL's
 * durable defaults (fsync on), so what the bench measures on it is what a real deployment would see.
 * `endpoint` is the connection URL of its `postgres` database; `stop()` stops it and removes the dir.
 */
export async function startPostgresServer(bin: string): Promise<RunningServer> {
  const dir = await mkdtemp(join(tmpdir(), 'trawl-postgres-'));
  const owner = runAs();
  try {
    if (owner) chownSync(dir, owner.uid, owner.gid);
    const data = join(dir, 'data');
    const user = owner ? 'postgres' : userInfo().username;
    execFileSync(join(bin, 'initdb'), ['-D', data, '-U', user, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], { cwd: dir, stdio: 'ignore', ...(owner ?? {}) });
    const port = await freePort();
    const args = ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'];
    const server = spawnLogged(join(bin, 'postgres'), args, join(dir, 'postgres.log'), dir, owner);
    const stop = async (): Promise<void> => {
      await stopProcess(server, STOP_GRACE_MS);
      await rm(dir, { recursive: true, force: true });
    };
    try {
      await waitUntilReady(server, `postgres on 127.0.0.1:${port}`, () => isReady(bin, port), READY_TIMEOUT_MS);
    } catch (error) {
      await stop();
      throw error;
    }
    return { endpoint: `postgres://${user}@127.0.0.1:${port}/postgres`, stop };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
