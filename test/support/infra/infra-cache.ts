import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root; the native servers' scripts and configuration live under scripts/infra. */
export const repoRoot = resolve(__dirname, '../../..');
const infraScripts = join(repoRoot, 'scripts/infra');

export type NativeServer = 'kafka' | 'ferretdb';

/** Pinned versions, read from the same file that provision.sh sources. */
export function infraVersions(): Record<NativeServer, string> {
  const text = readFileSync(join(infraScripts, 'versions.env'), 'utf8');
  const value = (key: string): string => {
    const match = new RegExp(`^${key}=(\\S+)$`, 'm').exec(text);
    if (!match) throw new Error(`scripts/infra/versions.env has no ${key}`);
    return match[1];
  };
  return { kafka: value('KAFKA_VERSION'), ferretdb: value('FERRETDB_VERSION') };
}

/** The versioned folder a server is provisioned into (same rule as provision.sh). */
export function serverHome(server: NativeServer): string {
  const cache = process.env.TRAWL_INFRA_CACHE || join(homedir(), '.cache/trawl/infra');
  return join(cache, `${server}-${infraVersions()[server]}`);
}

export const kafkaLog4jConfig = join(infraScripts, 'kafka/log4j.properties');

/**
 * Returns the server's provisioned folder, running provision.sh first when it is not complete yet, so that
 * a plain `jest` run works on a fresh machine too (`npm test` has usually provisioned already).
 */
export function ensureProvisioned(server: NativeServer): string {
  const home = serverHome(server);
  if (existsSync(join(home, '.provisioned'))) return home;
  // The endpoint variable must not be passed on: provision.sh would skip the very server needed here.
  const env = { ...process.env };
  delete env[server === 'kafka' ? 'KAFKA_BROKERS' : 'MONGO_URL'];
  const run = spawnSync('bash', [join(infraScripts, 'provision.sh'), server], { env, stdio: 'inherit' });
  if (run.status !== 0 || !existsSync(join(home, '.provisioned'))) {
    throw new Error(`scripts/infra/provision.sh ${server} failed (exit ${run.status ?? run.signal})`);
  }
  return home;
}
