import { join } from 'node:path';
import { startDistributedTrawl, type TrawlDeployment } from '../../test/support/trawl-deployment';
import type { BenchInfra } from './infra';
import type { BenchTrawl } from './embedded';
import { infraProcesses } from './infra-processes';

const FETCHER_START_ATTEMPTS = 4;

/**
 * Seen on this machine: a fetcher started on a fresh topic prefix may exit with Kafka's "This server does not
 * host this topic-partition" while the topics' leaders are still being elected. The fetchers are started
 * after the other roles, each tried again (and said so) when it exits that way.
 */
async function startFetcher(deployment: TrawlDeployment, name: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await deployment.start(name);
      return;
    } catch (error) {
      if (attempt >= FETCHER_START_ATTEMPTS) throw error;
      console.log(`  (${name} did not start: ${error instanceof Error ? error.message : String(error)}; trying again)`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/**
 * trawl distributed as the e2e tests start it: api, relay, projector and `fetchers` fetcher processes on
 * Kafka and FerretDB (the bench's own topics and database), SQLite event store, GridFS blobs.
 */
export async function startDistributedBenchTrawl(infra: BenchInfra, fetchers: number, env: Record<string, string>): Promise<BenchTrawl> {
  // The e2e harness reads the endpoints from the environment, where its global setup puts them.
  process.env.KAFKA_BROKERS = infra.KAFKA_BROKERS;
  process.env.MONGO_URL = infra.MONGO_URL;
  const fetcherNames = Array.from({ length: fetchers }, (_, n) => `fetcher-${n + 1}`);
  // TRAWL_BENCH_NODE_OPTIONS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) reaches every process of the
  // deployment as NODE_OPTIONS: how each role is profiled in a distributed run.
  const nodeOptions: Record<string, string> = process.env.TRAWL_BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.TRAWL_BENCH_NODE_OPTIONS } : {};
  const deployment = await startDistributedTrawl({ fetchers, env: { KAFKA_PARTITIONS: '12', ...env, ...nodeOptions }, deferred: fetcherNames });
  try {
    for (const name of fetcherNames) await startFetcher(deployment, name);
  } catch (error) {
    await deployment.stop();
    throw error;
  }
  return {
    client: deployment.client,
    env: deployment.env,
    processes: [...deployment.processes.values()],
    completion: { eventStoreFile: join(deployment.env.TRAWL_DATA_DIR, 'events.sqlite') },
    servers: infraProcesses({ KAFKA_BROKERS: deployment.env.KAFKA_BROKERS, MONGO_URL: deployment.env.MONGO_URL }),
    stop: () => deployment.stop(),
  };
}
