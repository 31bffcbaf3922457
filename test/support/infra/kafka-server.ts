import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';
import { ensureProvisioned, kafkaLog4jConfig } from './infra-cache';
import { spawnLogged, stopProcess, waitUntilReady } from './managed-process';
import { kafkaAnswers } from './probes';
import type { RunningServer } from './running-server';

const READY_TIMEOUT_MS = 90_000; // a JVM on a busy 2-core machine
const STOP_GRACE_MS = 20_000; // a controlled shutdown of broker + controller takes a few seconds

/**
 * Broker settings for tests, beside the listeners: one replica of everything, and few partitions so that the
 * internal topics are created fast. Shared with the Kafka container (as KAFKA_* variables).
 */
export const KAFKA_TEST_SETTINGS: Readonly<Record<string, string>> = {
  'offsets.topic.replication.factor': '1',
  // 50 partitions by default: creating them is most of a first consumer group's wait.
  'offsets.topic.num.partitions': '4',
  'transaction.state.log.replication.factor': '1',
  'transaction.state.log.min.isr': '1',
  'transaction.state.log.num.partitions': '4',
  'group.initial.rebalance.delay.ms': '0',
  'num.partitions': '4',
  'auto.create.topics.enable': 'true',
};

/** A single-node KRaft cluster (broker and controller in one process) on loopback only. */
function serverProperties(port: number, controllerPort: number, logDir: string): string {
  const settings = {
    'process.roles': 'broker,controller',
    'node.id': '1',
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': logDir,
    ...KAFKA_TEST_SETTINGS,
  };
  return Object.entries(settings).map(([key, value]) => `${key}=${value}\n`).join('');
}

/** A cluster id as `kafka-storage random-uuid` makes one: 16 random bytes, base64url, not starting with '-'. */
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export interface KafkaServerOptions {
  /**
   * Run in this directory on these ports, and leave the directory behind on stop(): starting again with the
   * same options restarts the same broker, with its topics, offsets and consumer groups, on the same address
   * (how a test stops the broker and brings it back). A directory already formatted is not formatted again.
   */
  reuse?: { dir: string; port: number; controllerPort: number };
}

/**
 * Starts the provisioned Kafka broker on free loopback ports in a fresh temp dir (or as `options.reuse` says)
 * and resolves once an admin client can list topics. `stop()` shuts it down (SIGTERM, then SIGKILL) and
 * removes the temp dir.
 */
export async function startKafkaServer(options: KafkaServerOptions = {}): Promise<RunningServer> {
  const classPath = join(ensureProvisioned('kafka'), 'libs/*');
  const { reuse } = options;
  const dir = reuse ? reuse.dir : await mkdtemp(join(tmpdir(), 'trawl-kafka-'));
  const removeDir = () => (reuse ? Promise.resolve() : rm(dir, { recursive: true, force: true }));
  try {
    const [port, controllerPort] = reuse ? [reuse.port, reuse.controllerPort] : [await freePort(), await freePort()];
    await mkdir(dir, { recursive: true });
    const properties = join(dir, 'server.properties');
    await writeFile(properties, serverProperties(port, controllerPort, join(dir, 'data')));
    const java = ['-Xmx512m', `-Dlog4j.configuration=file:${kafkaLog4jConfig}`, '-cp', classPath];
    if (!existsSync(join(dir, 'data', 'meta.properties'))) {
      const format = ['kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', properties];
      await promisify(execFile)('java', [...java, ...format], { cwd: dir, timeout: 60_000 });
    }
    const server = spawnLogged('java', [...java, 'kafka.Kafka', properties], join(dir, 'kafka.log'), dir);
    const brokers = `127.0.0.1:${port}`;
    const stop = async (): Promise<void> => {
      await stopProcess(server, STOP_GRACE_MS);
      await removeDir();
    };
    try {
      await waitUntilReady(server, `kafka on ${brokers}`, () => kafkaAnswers(brokers), READY_TIMEOUT_MS);
    } catch (error) {
      await stop();
      throw error;
    }
    return { endpoint: brokers, stop };
  } catch (error) {
    await removeDir();
    throw error;
  }
}
