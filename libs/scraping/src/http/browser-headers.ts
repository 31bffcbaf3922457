/** The part of got-scraping's header generator this client uses. */
export interface HeaderGeneratorLike {
  getHeaders(options: Record<string, unknown>): Record<string, string>;
}

/**
 * Only the encodings got-scraping decodes itself (its decompress fix); a generated list could add
 * zstd and leave the body undecoded.
 */
const ACCEPT_ENCODING = 'gzip, deflate, br';

/**
 * Browser-like request headers, made here rather than by got-scraping's own header hook: that hook
 * opens a TLS connection to every https host to probe ALPN before the request, outside got's
 * `dnsLookup`, which would let a blocked address get a connection. Later sources win, names
 * compared case-insensitively: generated headers, then the configured User-Agent, then the caller's.
 */
export function browserHeaders(
  generator: HeaderGeneratorLike,
  userAgent: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const merged = new Map<string, [string, string]>();
  const put = (name: string, value: string) => merged.set(name.toLowerCase(), [name, value]);
  for (const [name, value] of Object.entries(generatedHeaders(generator))) put(name, value);
  // The agent decides about keep-alive; a generated "Connection: keep-alive" would contradict it.
  merged.delete('connection');
  put('Accept-Encoding', ACCEPT_ENCODING);
  put('User-Agent', userAgent);
  for (const [name, value] of Object.entries(overrides)) put(name, value);
  return Object.fromEntries(merged.values());
}

/** Distinct generated header sets kept per generator, taken in turn. */
const HEADER_SETS = 8;
const headerSets = new WeakMap<HeaderGeneratorLike, { sets: Array<Record<string, string>>; next: number }>();

/**
 * A generated header set: the first few are made, then reused in turn. Sampling the generator's
 * Bayesian network took 2% of the embedded process's main thread in the images bench, once for each
 * image; the configured User-Agent replaces its most telling header anyway.
 */
function generatedHeaders(generator: HeaderGeneratorLike): Record<string, string> {
  let pool = headerSets.get(generator);
  if (!pool) headerSets.set(generator, (pool = { sets: [], next: 0 }));
  if (pool.sets.length < HEADER_SETS) {
    const made = generator.getHeaders({ httpVersion: '1' });
    pool.sets.push(made);
    return made;
  }
  const reused = pool.sets[pool.next];
  pool.next = (pool.next + 1) % HEADER_SETS;
  return reused;
}

/** Credentials the caller gave for one origin are not sent to another one a redirect points at. */
export function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  const sensitive = new Set(['authorization', 'cookie', 'proxy-authorization']);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !sensitive.has(name.toLowerCase())));
}
