import type { IncomingMessage } from 'node:http';

/** The label of a request that matched no route (404s, static files): never the raw URL. */
export const UNMATCHED_ROUTE = '(unmatched)';

/**
 * The route pattern a request matched (`/api/v1/tasks/:id`), known once the router dispatched it:
 * a bounded label for metrics and logs, where the raw URL (ids, query strings) would be unbounded.
 * A wildcard route is Nest's catch-all 404 handler (trawl has no wildcard routes of its own).
 */
export function routePattern(request: IncomingMessage): string {
  const { route, baseUrl } = request as IncomingMessage & { route?: { path?: unknown }; baseUrl?: string };
  if (!route || typeof route.path !== 'string' || route.path.includes('*')) return UNMATCHED_ROUTE;
  return `${baseUrl ?? ''}${route.path}` || '/';
}
