import { resolve } from 'node:path';
import { TrawlError } from '@trawl/errors';
import { envSchema, type Env } from './env-schema';

export class ConfigError extends TrawlError {
  readonly code = 'invalid-config';
}

export type EventStoreConfig = { kind: 'sqlite'; path: string } | { kind: 'eventstoredb'; url: string };
export type JobBusConfig =
  | { kind: 'kafka'; brokers: string[]; clientId: string; partitions: number; sessionTimeoutMs: number; stopGraceMs: number }
  | { kind: 'local'; path: string; leaseMs: number; stopGraceMs: number };
export type ReadModelConfig = { kind: 'mongo'; url: string } | { kind: 'sqlite'; path: string };
export type BlobStoreConfig = { kind: 'file'; dir: string } | { kind: 'gridfs'; mongoUrl: string };

export interface TrawlConfig {
  env: Env;
  dataDir: string;
  eventStore: EventStoreConfig;
  jobBus: JobBusConfig;
  readModels: ReadModelConfig;
  blobStore: BlobStoreConfig;
}

/**
 * Reads and validates the environment once, at start-up. The mode follows from what is configured:
 * no EVENTSTORE_URL -> SQLite event store, no KAFKA_BROKERS -> local durable queue, no MONGO_URL ->
 * SQLite read models and file blobs. A bad value stops the process with one line per problem.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): TrawlConfig {
  const parsed = envSchema.safeParse(withoutEmptyValues(source));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const dataDir = resolve(env.TRAWL_DATA_DIR);
  const blobKind = env.TRAWL_BLOB_STORE ?? (env.MONGO_URL ? 'gridfs' : 'file');
  if (blobKind === 'gridfs' && !env.MONGO_URL) {
    throw new ConfigError('invalid configuration:\n  TRAWL_BLOB_STORE: gridfs needs MONGO_URL');
  }
  return {
    env,
    dataDir,
    eventStore: env.EVENTSTORE_URL
      ? { kind: 'eventstoredb', url: env.EVENTSTORE_URL }
      : { kind: 'sqlite', path: resolve(dataDir, 'events.sqlite') },
    jobBus: env.KAFKA_BROKERS?.length
      ? {
          kind: 'kafka', brokers: env.KAFKA_BROKERS, clientId: 'trawl', partitions: env.KAFKA_PARTITIONS,
          sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS, stopGraceMs: env.TRAWL_SHUTDOWN_GRACE_MS,
        }
      : { kind: 'local', path: resolve(dataDir, 'jobs.sqlite'), leaseMs: env.TRAWL_JOB_LEASE_MS, stopGraceMs: env.TRAWL_SHUTDOWN_GRACE_MS },
    readModels: env.MONGO_URL
      ? { kind: 'mongo', url: env.MONGO_URL }
      : { kind: 'sqlite', path: resolve(dataDir, 'read-models.sqlite') },
    blobStore: blobKind === 'gridfs' ? { kind: 'gridfs', mongoUrl: env.MONGO_URL! } : { kind: 'file', dir: resolve(dataDir, 'blobs') },
  };
}

/**
 * An empty variable counts as unset, so that its default applies: `.env.example` lists every variable
 * with an empty value where there is no default, and docker-compose.yml passes `${VAR:-}` through as
 * an empty string. Read literally, an empty TRAWL_EGRESS_ONLY would allow no address at all, and an
 * empty TRAWL_BLOB_STORE or TRAWL_HEALTH_PORT would not parse or would pick a random port.
 */
function withoutEmptyValues(source: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ''));
}
