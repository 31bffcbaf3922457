import { join } from 'node:path';
import { envSchema, loadConfig } from '@trawl/config';
import { ROOT, TRAWL_SERVICES, environmentOf, readComposeFile, readDotenv, variablesIn, withDefaults } from './compose-file';

/**
 * libs/config/src/env-schema.ts is the one list of the variables trawl reads. docker-compose.yml and
 * .env.example must keep up with it, or a deployment silently runs on a default nobody chose (or on a
 * variable nobody reads any more).
 */
describe('environment: env-schema.ts, docker-compose.yml and .env.example in step', () => {
  const schemaKeys = Object.keys(envSchema.shape).sort();
  const compose = readComposeFile();
  const shared = environmentOf(compose['x-trawl'] as { environment: Record<string, string> });
  const dotenv = readDotenv(join(ROOT, '.env.example'));

  /** The value the schema gives a variable that is not set; undefined when it has no default. */
  function schemaDefault(key: string): unknown {
    return envSchema.shape[key as keyof typeof envSchema.shape].parse(undefined);
  }

  it('sets, in the roles\' shared environment (x-trawl), every variable that has no default of its own', () => {
    const missing = schemaKeys.filter((key) => schemaDefault(key) === undefined && !(key in shared));
    expect(missing).toEqual([]);
  });

  it('sets no variable that trawl does not read', () => {
    for (const name of TRAWL_SERVICES) {
      const stale = Object.keys(environmentOf(compose.services[name])).filter((key) => !schemaKeys.includes(key));
      expect({ service: name, stale }).toEqual({ service: name, stale: [] });
    }
  });

  it('lets each variable be overridden by its own name, defaulting to the value the schema would use', () => {
    for (const [key, value] of Object.entries(shared)) {
      const references = variablesIn(value);
      if (references.length === 0) continue; // a fixed value, the same in every deployment (HOST, TRAWL_HEALTH_PORT)
      expect({ key, references: references.map((reference) => reference.name) }).toEqual({ key, references: [key] });
      const fallback = references[0].fallback;
      expect({ key, hasDefault: fallback !== undefined }).toEqual({ key, hasDefault: true });
      const schemaValue = schemaDefault(key);
      if (schemaValue !== undefined) {
        const composeValue = loadConfig({ [key]: fallback }).env[key as keyof typeof schemaValue];
        expect({ key, value: composeValue }).toEqual({ key, value: schemaValue });
      }
    }
  });

  it('gives each role, with the defaults of the file, a valid configuration of the distributed adapters', () => {
    for (const name of TRAWL_SERVICES) {
      const config = loadConfig(environmentOf(withDefaults(compose.services[name])));
      expect(config.eventStore.kind).toBe('eventstoredb');
      expect(config.jobBus.kind).toBe('kafka');
      expect(config.readModels.kind).toBe('mongo');
      expect(config.blobStore.kind).toBe('gridfs');
      expect(config.env.HOST).toBe('0.0.0.0');
      // Empty defaults (`${VAR:-}`) mean "unset": no egress allow-list that would block every address.
      expect(config.env.TRAWL_EGRESS_ONLY).toBeUndefined();
    }
  });

  it('lists every variable in .env.example, and no other', () => {
    expect([...dotenv.keys()].sort()).toEqual(schemaKeys);
  });

  it('.env.example, used as it is, is a valid configuration of the embedded mode', () => {
    const config = loadConfig(Object.fromEntries(dotenv));
    expect(config.eventStore.kind).toBe('sqlite');
    expect(config.jobBus.kind).toBe('local');
    expect(config.env.TRAWL_EGRESS_ONLY).toBeUndefined();
    expect(config.env.TRAWL_HEALTH_PORT).toBeUndefined();
  });
});
