const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

/** The two ways to present an API key (TRAWL_API_KEYS), as OpenAPI security schemes. */
export const securitySchemes = {
  bearerKey: { type: 'http', scheme: 'bearer', description: 'An API key from TRAWL_API_KEYS as a bearer token' },
  headerKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key from TRAWL_API_KEYS' },
};

/** Either scheme, or none: keys are optional, so `{}` says an operation may also be called without one. */
export const apiKeySecurity = [{ bearerKey: [] }, { headerKey: [] }, {}];

/** The RateLimit-* headers of task creation answers (draft-ietf-httpapi-ratelimit-headers, fields of drafts 00–06). */
export const rateLimitHeaders = {
  'RateLimit-Limit': { description: 'Burst: task creations allowed at once', schema: { type: 'integer' } },
  'RateLimit-Remaining': { description: 'Task creations left now', schema: { type: 'integer' } },
  'RateLimit-Reset': { description: 'Seconds until the bucket is full; on a 429 the same as Retry-After', schema: { type: 'integer' } },
  'RateLimit-Policy': { description: '`<burst>;w=60`: at most that many a minute', schema: { type: 'string' } },
};

/** The 429 of task creation. */
export const rateLimitedResponse = {
  ...problemResponse('Too many tasks requested (TRAWL_RATE_LIMIT_PER_MINUTE)'),
  headers: { 'Retry-After': { schema: { type: 'integer' } }, ...rateLimitHeaders },
};

const unauthorized = {
  401: { ...problemResponse('No API key, or not a valid one (only when TRAWL_API_KEYS is set)'), headers: { 'WWW-Authenticate': { schema: { type: 'string' } } } },
};

/** Adds the 401 answer to every operation that is not open (`security: []`: the probes and metrics). */
export function withUnauthorized<Paths extends Record<string, Record<string, { security?: unknown[]; responses: object }>>>(paths: Paths): Paths {
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      if (operation.security?.length !== 0) operation.responses = { ...operation.responses, ...unauthorized };
    }
  }
  return paths;
}
