import { nextPageUrl, type ListTasksQuery } from '../list-tasks/next-page-link';
import { taskPath } from '../task-presenter';

/**
 * The URL of the page of a task's images after this one (the same status and limit, the store's
 * cursor), or null on the last page. The query string is the task listing's own (one place encodes
 * status, limit and cursor); only the path differs.
 */
export function nextImagesPageUrl(taskId: string, query: ListTasksQuery, next: string | null): string | null {
  const listing = nextPageUrl(query, next);
  if (listing === null) return null;
  return `${taskPath(taskId)}/images${listing.slice(listing.indexOf('?'))}`;
}
