import { performance } from 'node:perf_hooks';
import { startEventStoreContainer, startKafkaContainer, startMongoContainer } from './containers';
import { dockerAnswers } from './docker';
import { ferretdbHandler, startFerretdbServer } from './ferretdb-server';
import { infraVersions } from './infra-cache';
import { startKafkaServer } from './kafka-server';
import { assertLoopback } from './loopback';
import type { RunningServer } from './running-server';

type EndpointVariable = 'KAFKA_BROKERS' | 'MONGO_URL' | 'EVENTSTORE_URL';
type Starter = readonly [how: string, start: () => Promise<RunningServer>];

interface ServerSpec {
  readonly name: string;
  readonly variable: EndpointVariable;
  readonly container: Starter;
  /** Absent where no native server exists: then only the environment or Docker can provide one. */
  readonly native?: Starter;
}

/** The outcome of {@link resolveEndpoints}: what to put into the environment, and how to clean up. */
export interface ResolvedEndpoints {
  /** The endpoint variables to set for the test workers (EVENTSTORE_URL only when there is one). */
  readonly env: Partial<Record<EndpointVariable, string>>;
  /** One plain line per server: where it came from, how long it took to start. */
  readonly lines: string[];
  /** Stops the servers this run started (not those given in the environment). */
  stop(): Promise<void>;
}

function specs(): ServerSpec[] {
  const versions = infraVersions();
  return [
    {
      name: 'kafka',
      variable: 'KAFKA_BROKERS',
      container: [`docker apache/kafka:${versions.kafka}`, startKafkaContainer],
      native: [`native kafka ${versions.kafka}`, startKafkaServer],
    },
    {
      name: 'mongo',
      variable: 'MONGO_URL',
      container: ['docker mongo', startMongoContainer],
      native: [`native ferretdb ${versions.ferretdb} (${ferretdbHandler() === 'pg' ? 'postgresql' : 'sqlite'} handler)`, () => startFerretdbServer()],
    },
    { name: 'eventstore', variable: 'EVENTSTORE_URL', container: ['docker eventstoredb', startEventStoreContainer] },
  ];
}

interface Provided {
  readonly variable: EndpointVariable;
  readonly endpoint?: string;
  readonly server?: RunningServer;
  readonly line: string;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * One server: the environment wins; else Docker where it answers; else the native server. A Docker start that
 * fails falls back to the native server (and says so). A server without a native form is optional: when
 * nothing provides it, its variable stays unset and the tests that need it skip.
 */
async function provide(spec: ServerSpec, docker: boolean): Promise<Provided> {
  const given = process.env[spec.variable];
  if (given) {
    assertLoopback(spec.variable, given);
    const line = `${spec.name}: ${spec.variable} from the environment (${given})`;
    return { variable: spec.variable, endpoint: given, line };
  }
  const starters = [...(docker ? [spec.container] : []), ...(spec.native ? [spec.native] : [])];
  const failures: string[] = [];
  for (const [how, start] of starters) {
    const began = performance.now();
    try {
      const server = await start();
      const seconds = ((performance.now() - began) / 1000).toFixed(1);
      const note = failures.length > 0 ? ` (${failures.join('; ')})` : '';
      const line = `${spec.name}: ${how} on ${server.endpoint}, started in ${seconds}s${note}`;
      return { variable: spec.variable, endpoint: server.endpoint, server, line };
    } catch (error) {
      failures.push(`${how} failed: ${message(error)}`);
    }
  }
  if (spec.native) throw new Error(`${spec.name}: ${failures.join('; ')}`);
  const why = failures.length > 0 ? failures.join('; ') : `no ${spec.variable}, no Docker`;
  return { variable: spec.variable, line: `${spec.name}: none (${why}); tests that need it are skipped` };
}

/**
 * Finds or starts every server the int and e2e tests need, in this order per server: an endpoint given in the
 * environment (KAFKA_BROKERS, MONGO_URL, EVENTSTORE_URL), Testcontainers when a Docker engine answers, the
 * native servers provisioned by scripts/infra/provision.sh. Servers start in parallel; if one cannot be had,
 * those already started are stopped again before the error is thrown.
 */
export async function resolveEndpoints(): Promise<ResolvedEndpoints> {
  const docker = await dockerAnswers();
  const outcomes = await Promise.allSettled(specs().map((spec) => provide(spec, docker)));
  const provided = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const stop = async (): Promise<void> => {
    await Promise.all(provided.map((p) => p.server?.stop()));
  };
  const failed = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [message(outcome.reason)] : []));
  if (failed.length > 0) {
    await stop();
    throw new Error(`test servers could not be started:\n${failed.join('\n')}`);
  }
  const env: ResolvedEndpoints['env'] = {};
  for (const p of provided) if (p.endpoint) env[p.variable] = p.endpoint;
  return { env, lines: provided.map((p) => p.line), stop };
}
