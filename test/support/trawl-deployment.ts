import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './infra/free-port';
import { mongoUrlWithDatabase } from './mongo-url';
import { TrawlClient } from './trawl-client';
import { runTrawlCli, startTrawlProcess, type TrawlProcess } from './trawl-process';

/** trawl running for an end-to-end test, in one of its modes. */
export interface TrawlDeployment {
  mode: 'distributed' | 'embedded';
  client: TrawlClient;
  /** The environment every process got (adapters, data dir, limits). */
  env: Record<string, string>;
  processes: Map<string, TrawlProcess>;
  /** Starts (again) the named process with the deployment's environment. */
  start(name: string): Promise<TrawlProcess>;
  cli(args: string[]): ReturnType<typeof runTrawlCli>;
  stop(): Promise<void>;
}

/** Settings every e2e deployment shares: loopback only, quick retries, short timeouts. */
function baseEnv(dataDir: string, extra: Record<string, string>): Record<string, string> {
  return {
    TRAWL_DATA_DIR: dataDir,
    TRAWL_ALLOW_PRIVATE: '127.0.0.0/8',
    TRAWL_EGRESS_ONLY: '127.0.0.0/8',
    TRAWL_MAX_ATTEMPTS: '3',
    TRAWL_RETRY_INITIAL_MS: '200',
    TRAWL_RETRY_MAX_MS: '1000',
    TRAWL_PAGE_TIMEOUT_MS: '20000',
    TRAWL_IMAGE_TIMEOUT_MS: '20000',
    TRAWL_LOG_LEVEL: 'info',
    // No per-host pacing: every test page is on one loopback host. The politeness suite sets its own.
    TRAWL_HOST_DELAY_MS: '0',
    TRAWL_HOST_CONCURRENCY: '1000',
    // Short enough that a killed worker's jobs come back within a test, long enough not to flap.
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    TRAWL_JOB_LEASE_MS: '3000',
    TRAWL_SHUTDOWN_GRACE_MS: '5000',
    ...extra,
  };
}

type ProcessSpec = { entry: 'trawl' | 'api' | 'relay' | 'fetcher' | 'projector' | 'notifier' | 'sweeper'; port: number };

async function deploy(
  mode: TrawlDeployment['mode'],
  env: Record<string, string>,
  specs: Record<string, ProcessSpec>,
  dataDir: string,
  deferred: readonly string[] = [],
): Promise<TrawlDeployment> {
  const processes = new Map<string, TrawlProcess>();
  const logDir = join(dataDir, 'logs');
  const start = async (name: string) => {
    const spec = specs[name];
    const started = await startTrawlProcess({ name, entry: spec.entry, env, port: spec.port, logDir });
    processes.set(name, started);
    return started;
  };
  try {
    for (const name of Object.keys(specs)) if (!deferred.includes(name)) await start(name);
  } catch (error) {
    await Promise.all([...processes.values()].map((p) => p.kill()));
    throw error;
  }
  const apiName = Object.keys(specs).find((name) => specs[name].entry === 'api' || specs[name].entry === 'trawl')!;
  return {
    mode,
    client: new TrawlClient(`http://127.0.0.1:${specs[apiName].port}`),
    env,
    processes,
    start,
    cli: (args) => runTrawlCli(args, env),
    async stop() {
      await Promise.all([...processes.values()].map((p) => p.stop()));
      if (!process.env.TRAWL_KEEP_TEST_DATA) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * api, relay, projector and `fetchers` fetcher processes against the Kafka and MongoDB-compatible
 * servers of the test platform (KAFKA_BROKERS, MONGO_URL), sharing one SQLite event store file (or
 * EVENTSTORE_URL when given). Topics and the database are unique to this deployment.
 */
export async function startDistributedTrawl(
  options: { fetchers?: number; env?: Record<string, string>; eventStoreUrl?: string; deferred?: string[]; notifier?: boolean; sweeper?: boolean } = {},
): Promise<TrawlDeployment> {
  const brokers = process.env.KAFKA_BROKERS;
  const mongo = process.env.MONGO_URL;
  if (!brokers || !mongo) throw new Error('KAFKA_BROKERS and MONGO_URL must be set (the e2e global setup provides them)');
  const id = randomBytes(4).toString('hex');
  const dataDir = await mkdtemp(join(tmpdir(), 'trawl-e2e-dist-'));
  const env = baseEnv(dataDir, {
    KAFKA_BROKERS: brokers,
    KAFKA_PARTITIONS: '4',
    TRAWL_TOPIC_PREFIX: `e2e-${id}`,
    MONGO_URL: mongoUrlWithDatabase(mongo, `trawl_e2e_${id}`),
    TRAWL_BLOB_STORE: 'gridfs',
    ...(options.eventStoreUrl ? { EVENTSTORE_URL: options.eventStoreUrl } : {}),
    ...options.env,
  });
  const specs: Record<string, ProcessSpec> = {
    api: { entry: 'api', port: await freePort() },
    relay: { entry: 'relay', port: await freePort() },
    projector: { entry: 'projector', port: await freePort() },
  };
  for (let n = 1; n <= (options.fetchers ?? 2); n += 1) specs[`fetcher-${n}`] = { entry: 'fetcher', port: await freePort() };
  // The webhook notifier, as its own process, for the suites that test webhooks.
  if (options.notifier) specs.notifier = { entry: 'notifier', port: await freePort() };
  // The retention sweeper, as its own process, for the suites that test retention.
  if (options.sweeper) specs.sweeper = { entry: 'sweeper', port: await freePort() };
  return deploy('distributed', env, specs, dataDir, options.deferred);
}

/** Every role in one process with the embedded adapters: what `npm start` runs. */
export async function startEmbeddedTrawl(options: { env?: Record<string, string>; dataDir?: string } = {}): Promise<TrawlDeployment> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'trawl-e2e-embedded-')));
  const env = baseEnv(dataDir, options.env ?? {});
  return deploy('embedded', env, { trawl: { entry: 'trawl', port: await freePort() } }, dataDir);
}
