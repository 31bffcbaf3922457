import { join } from 'node:path';
import { startDistributedTrawl } from '../../test/support/trawl-deployment';
import type { BenchInfra } from './infra';
import type { BenchTrawl } from './embedded';

/**
 * trawl distributed as the e2e tests start it: api, relay, projector and `fetchers` fetcher processes on
 * Kafka and FerretDB (the bench's own topics and database), SQLite event store, GridFS blobs.
 */
export async function startDistributedBenchTrawl(infra: BenchInfra, fetchers: number, env: Record<string, string>): Promise<BenchTrawl> {
  // The e2e harness reads the endpoints from the environment, where its global setup puts them.
  process.env.KAFKA_BROKERS = infra.KAFKA_BROKERS;
  process.env.MONGO_URL = infra.MONGO_URL;
  const options = { fetchers, env: { KAFKA_PARTITIONS: '12', ...env } };
  const deployment = await startDistributedTrawl(options).catch((error: unknown) => {
    // Seen on this machine: a fetcher of a fresh topic prefix exits with Kafka's "This server does not host
    // this topic-partition" while the topics are being created. Once more, and say so.
    console.log(`  (the deployment did not start: ${error instanceof Error ? error.message : String(error)}; starting it once more)`);
    return startDistributedTrawl(options);
  });
  return {
    client: deployment.client,
    env: deployment.env,
    processes: [...deployment.processes.values()],
    completion: { eventStoreFile: join(deployment.env.TRAWL_DATA_DIR, 'events.sqlite') },
    stop: () => deployment.stop(),
  };
}
