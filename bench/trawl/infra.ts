import { resolveEndpoints } from '../../test/support/infra/resolve-endpoints';

export interface BenchInfra {
  KAFKA_BROKERS: string;
  MONGO_URL: string;
  lines: string[];
  close(): Promise<void>;
}

/**
 * Kafka and a MongoDB-compatible server, found or started as the e2e tests do (the environment, else Docker,
 * else the native servers of scripts/infra, provisioned on first use); stopped by close().
 */
export async function startBenchInfra(): Promise<BenchInfra> {
  const resolved = await resolveEndpoints();
  const { KAFKA_BROKERS, MONGO_URL } = resolved.env;
  if (!KAFKA_BROKERS || !MONGO_URL) {
    await resolved.stop();
    throw new Error('no Kafka or MongoDB-compatible server could be had');
  }
  return { KAFKA_BROKERS, MONGO_URL, lines: resolved.lines, close: () => resolved.stop() };
}
