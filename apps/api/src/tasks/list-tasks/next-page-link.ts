import { API_PREFIX } from '../task-presenter';

/** The query of a task listing, as parsed. */
export interface ListTasksQuery {
  status?: string;
  limit: number;
  cursor?: string;
}

/**
 * The URL of the page after this one (the same status and limit, the cursor the store gave out), or
 * null on the last page. Path-absolute, like Location and the task's links: the client already knows
 * the host it asked, and a URL built from the Host header could name one it cannot reach.
 */
export function nextPageUrl(query: ListTasksQuery, next: string | null): string | null {
  if (next === null) return null;
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  params.set('limit', String(query.limit));
  params.set('cursor', next);
  return `${API_PREFIX}/tasks?${params.toString()}`;
}

/** RFC 8288 Link header of a listing page: its next page, if there is one. */
export function linkHeader(nextUrl: string | null): string | null {
  return nextUrl === null ? null : `<${nextUrl}>; rel="next"`;
}
