import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import draft07 from 'ajv/dist/refs/json-schema-draft-07.json';
import { SHUTDOWN_MARGIN_MS } from '../../apps/trawl/src/graceful-shutdown';
import { envSchema } from '@trawl/config';
import { INFRA_SERVICES, ROOT, TRAWL_SERVICES, readComposeFile, withDefaults, type ComposeFile } from './compose-file';

/**
 * docker-compose.yml checked without a Docker engine: valid against the Compose Specification's JSON schema
 * (test/fixtures/compose-spec.md says where the schema comes from), and wired the way `docker compose up`
 * needs it to come up in one step.
 */
describe('docker-compose.yml', () => {
  const compose = readComposeFile();
  const resolved = withDefaults(compose);
  let validate: ValidateFunction;

  beforeAll(() => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/compose-spec.json'), 'utf8'));
    // strict: false: the schema uses keywords that Ajv's strict mode rejects (`deprecated` on a draft-07
    // schema) and union types.
    const ajv = new Ajv({ allErrors: true, strict: false });
    // The schema names the draft-07 meta-schema by its https URL; Ajv ships it under the http one.
    ajv.addMetaSchema({ ...draft07, $id: schema.$schema });
    validate = ajv.compile(schema);
  });

  it('is valid against the Compose Specification, as written and with its defaults filled in', () => {
    for (const document of [compose, resolved]) {
      const valid = validate(document);
      expect(valid ? [] : validate.errors).toEqual([]);
    }
  });

  it('is rejected by the same validator when a service is malformed (the check can fail)', () => {
    const broken = structuredClone(compose) as ComposeFile;
    broken.services.fetcher.depends_on = { kafka: { condition: 'service_ready' } };
    broken.services.api.ports = 'not-a-list';
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((error) => error.instancePath)).toEqual(
      expect.arrayContaining(['/services/fetcher/depends_on', '/services/api/ports']),
    );
  });

  it('runs every role from the one image of this repository, each entry built from a source file', () => {
    for (const name of TRAWL_SERVICES) {
      const service = resolved.services[name];
      expect(service).toMatchObject({ build: '.', image: 'trawl:local', init: true });
      const entry = service.command?.[0] ?? '';
      expect(entry).toBe(`dist/apps/${name}/src/main.js`);
      expect(existsSync(join(ROOT, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
    }
  });

  it('starts the roles only once EventStoreDB, Kafka and MongoDB report healthy, and checks every service', () => {
    for (const name of TRAWL_SERVICES) {
      const dependsOn = resolved.services[name].depends_on ?? {};
      for (const server of INFRA_SERVICES) expect(dependsOn[server]).toEqual({ condition: 'service_healthy' });
    }
    for (const [name, service] of Object.entries(resolved.services)) {
      expect({ name, test: service.healthcheck?.test }).toEqual({ name, test: expect.arrayContaining([expect.any(String)]) });
      for (const dependency of Object.keys(service.depends_on ?? {})) expect(resolved.services[dependency]?.healthcheck).toBeDefined();
    }
  });

  it('probes each role where it serves /ready: the API on PORT, the workers on TRAWL_HEALTH_PORT', () => {
    const probe = (name: string) => JSON.stringify(resolved.services[name].healthcheck?.test);
    const env = (name: string) => resolved.services[name].environment ?? {};
    expect(probe('api')).toContain(`127.0.0.1:${env('api').PORT}/ready`);
    for (const name of ['relay', 'fetcher', 'projector']) {
      expect(env(name).TRAWL_HEALTH_PORT).toBeDefined();
      expect(probe(name)).toContain(`127.0.0.1:${env(name).TRAWL_HEALTH_PORT}/ready`);
    }
  });

  it('keeps the data of every server in a named volume', () => {
    const mounts = { eventstore: '/var/lib/eventstore', kafka: '/var/lib/kafka/data', mongo: '/data/db' };
    for (const [name, path] of Object.entries(mounts)) {
      const volume = resolved.services[name].volumes?.find((mount) => mount.endsWith(`:${path}`));
      expect(volume).toBeDefined();
      expect(Object.keys(resolved.volumes ?? {})).toContain(volume!.split(':')[0]);
    }
    // Kafka writes where the volume is only when told to (its image's default log dir is under /tmp).
    expect(resolved.services.kafka.environment?.KAFKA_LOG_DIRS).toBe(mounts.kafka);
  });

  it('pins every server image to a version', () => {
    for (const name of INFRA_SERVICES) {
      const image = resolved.services[name].image ?? '';
      expect(image).toMatch(/:[0-9][\w.-]*$/);
    }
  });

  it('runs EventStoreDB in insecure mode, matching the tls=false connection string the roles get', () => {
    expect(resolved.services.eventstore.environment?.EVENTSTORE_INSECURE).toBe('true');
    expect(resolved.services.api.environment?.EVENTSTORE_URL).toMatch(/^esdb:\/\/eventstore:2113\?tls=false$/);
  });

  it('gives a stopping role its shutdown grace before docker kills it', () => {
    const grace = envSchema.shape.TRAWL_SHUTDOWN_GRACE_MS.parse(resolved.services.fetcher.environment?.TRAWL_SHUTDOWN_GRACE_MS);
    for (const name of TRAWL_SERVICES) {
      expect(durationMs(resolved.services[name].stop_grace_period ?? '10s')).toBeGreaterThan(grace + SHUTDOWN_MARGIN_MS);
    }
  });

  it('creates job topics with room for scaled-out fetchers', () => {
    const partitions = Number(resolved.services.fetcher.environment?.KAFKA_PARTITIONS);
    expect(partitions).toBeGreaterThanOrEqual(8);
    expect(Number(resolved.services.kafka.environment?.KAFKA_NUM_PARTITIONS)).toBe(partitions);
  });
});

/** A Compose duration (`1m30s`, `50s`, `500ms`) in milliseconds. */
function durationMs(value: string): number {
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001 };
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us)/g)];
  if (parts.map((part) => part[0]).join('') !== value) throw new Error(`not a duration: ${value}`);
  return parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * units[unit], 0);
}
