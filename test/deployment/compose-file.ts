import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const ROOT = join(__dirname, '..', '..');

/** A service of docker-compose.yml, as far as these tests look at it. */
export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number | boolean | null>;
  healthcheck?: { test: string | string[]; interval?: string; start_period?: string };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  stop_grace_period?: string;
  init?: boolean;
  [key: string]: unknown;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The roles trawl's image runs as services, and the servers they need. */
export const TRAWL_SERVICES = ['api', 'relay', 'fetcher', 'projector'] as const;
export const INFRA_SERVICES = ['eventstore', 'kafka', 'mongo'] as const;

/** docker-compose.yml parsed as Compose reads it: YAML 1.1 merge keys (`<<: *anchor`) resolved. */
export function readComposeFile(text = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')): ComposeFile {
  return parse(text, { merge: true }) as ComposeFile;
}

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$\$/g;

/**
 * Compose's interpolation with no variable set, as a plain `docker compose up` without an .env file sees
 * the file: `${VAR:-default}` and `${VAR-default}` become the default, `${VAR}` the empty string, `$$` a `$`.
 * `${VAR:?error}` (required) throws, as Compose refuses to start then.
 */
export function interpolateDefaults(value: string): string {
  return value.replace(VARIABLE, (match, name: string | undefined, operator: string | undefined, operand: string | undefined) => {
    if (match === '$$') return '$';
    if (operator === ':-' || operator === '-') return operand ?? '';
    if (operator === ':?' || operator === '?') throw new Error(`\${${name}} is required: ${operand ?? ''}`);
    if (operator === ':+' || operator === '+') return '';
    return '';
  });
}

/** Every `${VAR…}` reference in a value: its name and default (undefined when it has none). */
export function variablesIn(value: string): { name: string; fallback: string | undefined }[] {
  return [...value.matchAll(VARIABLE)]
    .filter((match) => match[1] !== undefined)
    .map((match) => ({ name: match[1], fallback: match[2]?.endsWith('-') ? (match[3] ?? '') : undefined }));
}

/** Applies interpolateDefaults to every string of a parsed document. */
export function withDefaults<T>(node: T): T {
  if (typeof node === 'string') return interpolateDefaults(node) as T;
  if (Array.isArray(node)) return node.map((item) => withDefaults(item)) as T;
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, withDefaults(value)])) as T;
  }
  return node;
}

/** A service's environment as the process sees it: every value a string. */
export function environmentOf(service: ComposeService): Record<string, string> {
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

/** The keys and values of a dotenv file (`KEY=value  # comment`), in order. */
export function readDotenv(path: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) throw new Error(`not a KEY=value line: ${raw}`);
    entries.set(match[1], match[2].replace(/\s+#.*$/, '').trim());
  }
  return entries;
}
