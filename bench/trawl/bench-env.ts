/** Page jobs a fetcher runs at once for a given TRAWL_FETCH_CONCURRENCY (apps/fetcher/src/fetcher.service.ts). */
export const pageConcurrencyOf = (fetchConcurrency: number): number => Math.max(1, Math.ceil(fetchConcurrency / 4));

/** TRAWL_FETCH_CONCURRENCY of the side-by-side figures (issue 9); Crawlee gets trawl's page concurrency. */
export const FETCH_CONCURRENCY = 20;

/**
 * Defaults, except what a benchmark on one loopback host needs: loopback allowed and nothing else reachable,
 * no politeness (one host serves everything), no rate limit on task creation, quiet logs.
 */
export function benchEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    TRAWL_ALLOW_PRIVATE: '127.0.0.0/8',
    TRAWL_EGRESS_ONLY: '127.0.0.0/8',
    TRAWL_HOST_DELAY_MS: '0',
    TRAWL_HOST_CONCURRENCY: '1000',
    TRAWL_RESPECT_ROBOTS: 'false',
    TRAWL_RATE_LIMIT_PER_MINUTE: '0',
    TRAWL_FETCH_CONCURRENCY: String(FETCH_CONCURRENCY),
    TRAWL_LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** The settings line every figure prints: only what differs from trawl's defaults. */
export function describeEnv(env: Record<string, string>): string {
  const keys = ['TRAWL_FETCH_CONCURRENCY', 'TRAWL_HOST_CONCURRENCY', 'TRAWL_HOST_DELAY_MS', 'TRAWL_RESPECT_ROBOTS'];
  return keys.filter((key) => key in env).map((key) => `${key}=${env[key]}`).join(' ');
}
