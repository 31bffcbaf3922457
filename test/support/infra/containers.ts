import { GenericContainer, type StartedTestContainer, Wait } from 'testcontainers';
import { freePort } from './free-port';
import { infraVersions } from './infra-cache';
import { KAFKA_TEST_SETTINGS } from './kafka-server';
import { kafkaAnswers, mongoAnswers } from './probes';
import type { RunningServer } from './running-server';

// Used only where a local Docker engine answers (see docker.ts); the machines of this project have none.
const MONGO_IMAGE = 'mongo:8.0';
const EVENTSTORE_IMAGE = 'docker.eventstore.com/eventstore/eventstoredb-ee:24.10';
const STARTUP_TIMEOUT_MS = 180_000; // includes pulling the image

function running(container: StartedTestContainer, endpoint: string): RunningServer {
  let stopped: Promise<unknown> | undefined;
  return { endpoint, stop: async () => void (await (stopped ??= container.stop())) };
}

/** The published ports must be on this machine: tests talk to loopback only. */
function assertLocal(container: StartedTestContainer): void {
  if (!['localhost', '127.0.0.1', '::1'].includes(container.getHost())) {
    void container.stop();
    throw new Error(`docker publishes ports on ${container.getHost()}, not on loopback; set the endpoints instead`);
  }
}

/** Polls `probe` for the server in the container: the wait strategies only see the container's side. */
async function untilAnswers(what: string, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what} in docker does not answer`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Kafka in KRaft mode (apache/kafka, same version as the native broker). The broker advertises the address
 * that clients use, so it listens inside the container on the very port that is published on the host.
 */
export async function startKafkaContainer(): Promise<RunningServer> {
  const port = await freePort();
  const settings: Record<string, string> = {
    'node.id': '1',
    'process.roles': 'broker,controller',
    listeners: `PLAINTEXT://0.0.0.0:${port},CONTROLLER://127.0.0.1:9093`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'controller.quorum.voters': '1@127.0.0.1:9093',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    ...KAFKA_TEST_SETTINGS,
  };
  // The image turns KAFKA_FOO_BAR into foo.bar; none of these keys holds '_' or '-', which it escapes.
  const environment = Object.fromEntries(
    Object.entries(settings).map(([key, value]) => [`KAFKA_${key.toUpperCase().replace(/\./g, '_')}`, value]),
  );
  const container = await new GenericContainer(`apache/kafka:${infraVersions().kafka}`)
    .withEnvironment(environment)
    .withExposedPorts({ container: port, host: port })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .withStartupTimeout(STARTUP_TIMEOUT_MS)
    .start();
  assertLocal(container);
  const brokers = `127.0.0.1:${port}`;
  await untilAnswers('kafka', () => kafkaAnswers(brokers));
  return running(container, brokers);
}

/** A real MongoDB, so that the read models are tested on MongoDB as well as on FerretDB. */
export async function startMongoContainer(): Promise<RunningServer> {
  const container = await new GenericContainer(MONGO_IMAGE)
    .withExposedPorts(27017)
    .withWaitStrategy(Wait.forLogMessage(/Waiting for connections/))
    .withStartupTimeout(STARTUP_TIMEOUT_MS)
    .start();
  assertLocal(container);
  const url = `mongodb://127.0.0.1:${container.getMappedPort(27017)}/`;
  await untilAnswers('mongo', () => mongoAnswers(url));
  return running(container, url);
}

/** EventStoreDB 24.10 LTS, insecure (no TLS, no auth), in memory: the only way to get one without env. */
export async function startEventStoreContainer(): Promise<RunningServer> {
  const container = await new GenericContainer(EVENTSTORE_IMAGE)
    .withEnvironment({
      EVENTSTORE_INSECURE: 'true',
      EVENTSTORE_MEM_DB: 'true',
      EVENTSTORE_RUN_PROJECTIONS: 'All',
      EVENTSTORE_START_STANDARD_PROJECTIONS: 'true',
      EVENTSTORE_TELEMETRY_OPTOUT: 'true',
    })
    .withExposedPorts(2113)
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
    .withStartupTimeout(STARTUP_TIMEOUT_MS)
    .start();
  assertLocal(container);
  return running(container, `esdb://127.0.0.1:${container.getMappedPort(2113)}?tls=false`);
}
