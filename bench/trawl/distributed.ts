import { join } from 'node:path';
import { startDistributedTrawl } from '../../test/support/trawl-deployment';
import type { BenchInfra } from './infra';
import type { BenchTrawl } from './embedded';
import { infraProcesses } from './infra-processes';

/**
 * trawl distributed as the e2e tests start it: api, relay, projector and `fetchers` fetcher processes on
 * Kafka and FerretDB (the bench's own topics and database), SQLite event store, GridFS blobs.
 */
export async function startDistributedBenchTrawl(infra: BenchInfra, fetchers: number, env: Record<string, string>): Promise<BenchTrawl> {
  // The e2e harness reads the endpoints from the environment, where its global setup puts them.
  process.env.KAFKA_BROKERS = infra.KAFKA_BROKERS;
  process.env.MONGO_URL = infra.MONGO_URL;
  // TRAWL_BENCH_NODE_OPTIONS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) reaches every process of the
  // deployment as NODE_OPTIONS: how each role is profiled in a distributed run.
  const nodeOptions: Record<string, string> = process.env.TRAWL_BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.TRAWL_BENCH_NODE_OPTIONS } : {};
  // A fetcher on fresh topics waits for their leaders itself (the job bus's join retries).
  const deployment = await startDistributedTrawl({ fetchers, env: { KAFKA_PARTITIONS: '12', ...env, ...nodeOptions } });
  return {
    client: deployment.client,
    env: deployment.env,
    processes: [...deployment.processes.values()],
    completion: { eventStoreFile: join(deployment.env.TRAWL_DATA_DIR, 'events.sqlite') },
    servers: infraProcesses({ KAFKA_BROKERS: deployment.env.KAFKA_BROKERS, MONGO_URL: deployment.env.MONGO_URL }),
    stop: () => deployment.stop(),
  };
}
