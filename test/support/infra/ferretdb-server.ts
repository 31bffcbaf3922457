import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { ensureProvisioned } from './infra-cache';
import { spawnLogged, stopProcess, waitUntilReady } from './managed-process';
import { mongoAnswers } from './probes';
import type { RunningServer } from './running-server';

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 10_000;

/**
 * Starts the provisioned FerretDB (SQLite backend) on a free loopback port with its data in a fresh temp dir,
 * and resolves once a MongoDB client can ping it. `stop()` shuts it down (SIGTERM, then SIGKILL) and removes
 * the temp dir.
 */
export async function startFerretdbServer(): Promise<RunningServer> {
  const binary = join(ensureProvisioned('ferretdb'), 'ferretdb');
  const dir = await mkdtemp(join(tmpdir(), 'trawl-ferretdb-'));
  try {
    const port = await freePort();
    const data = join(dir, 'data');
    await mkdir(data);
    const args = [
      '--handler=sqlite',
      `--sqlite-url=file:${data}/`, // FerretDB wants a directory URL, and only with the trailing slash
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
      await rm(dir, { recursive: true, force: true });
    };
    try {
      await waitUntilReady(server, `ferretdb on ${url}`, () => mongoAnswers(url), READY_TIMEOUT_MS);
    } catch (error) {
      await stop();
      throw error;
    }
    return { endpoint: url, stop };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
