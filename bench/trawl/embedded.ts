import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../test/support/infra/free-port';
import { TrawlClient } from '../../test/support/trawl-client';
import { startTrawlProcess, type TrawlProcess } from '../../test/support/trawl-process';
import type { CountedProcess } from './process-cpu';

export interface BenchTrawl {
  client: TrawlClient;
  env: Record<string, string>;
  processes: TrawlProcess[];
  /** Where the figures read completion: the read model (what the API shows), or the SQLite event store file. */
  completion: 'read-model' | { eventStoreFile: string };
  /**
   * The servers trawl runs on (Kafka, FerretDB, PostgreSQL), counted in its CPU figures beside its own
   * processes, and those that are not (named with the reason). Embedded: none.
   */
  servers?: { counted: CountedProcess[]; notCounted: string[] };
  stop(): Promise<void>;
}

/** trawl embedded (every role, SQLite, local queue, file blobs) from dist/, in a fresh data dir removed after. */
export async function startEmbeddedBenchTrawl(env: Record<string, string>): Promise<BenchTrawl> {
  const dataDir = await mkdtemp(join(tmpdir(), 'trawl-bench-embedded-'));
  // TRAWL_BENCH_NODE_OPTIONS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) reaches the trawl process only: how to profile a figure.
  const profiling: Record<string, string> = process.env.TRAWL_BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.TRAWL_BENCH_NODE_OPTIONS } : {};
  const fullEnv = { ...env, ...profiling, TRAWL_DATA_DIR: dataDir };
  const trawl = await startTrawlProcess({ name: 'trawl', entry: 'trawl', env: fullEnv, port: await freePort(), logDir: join(dataDir, 'logs') });
  return {
    client: new TrawlClient(trawl.baseUrl),
    env: fullEnv,
    processes: [trawl],
    completion: 'read-model',
    async stop() {
      await trawl.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
