import type { ServerResponse } from 'node:http';

/** Most failures a flaky page may ask for, so a typo cannot fail a page forever. */
const MAX_FAILURES = 20;

/**
 * `/flaky/<id>?failures=N[&retryAfter=S]`: the first N requests for an id answer 503 (with Retry-After
 * when given), every later one a small HTML page. Counts are per site, so each test picks a fresh id.
 * Returns a handler that answers true when the path is this route.
 */
export function flakyRoute(): (url: URL, res: ServerResponse) => boolean {
  const served = new Map<string, number>();
  return (url, res) => {
    const match = /^\/flaky\/([\w-]{1,64})$/.exec(url.pathname);
    if (!match) return false;
    const id = match[1];
    const failures = Math.min(Number(url.searchParams.get('failures') ?? 1) || 0, MAX_FAILURES);
    const count = (served.get(id) ?? 0) + 1;
    served.set(id, count);
    const html = { 'content-type': 'text/html; charset=utf-8' };
    if (count <= failures) {
      const retryAfter = url.searchParams.get('retryAfter');
      res.writeHead(503, retryAfter === null ? html : { ...html, 'retry-after': retryAfter });
      res.end(`<!doctype html><title>Unavailable</title><p>Failure ${count} of ${failures}</p>`);
    } else {
      res.writeHead(200, html).end(`<!doctype html><title>Flaky ${id}</title><p>Served after ${failures} failures.</p>`);
    }
    return true;
  };
}
