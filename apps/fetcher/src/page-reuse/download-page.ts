import { ensureSuccess } from '../ensure-success';
import type { FetchSettings } from '../fetch-settings';
import { receivePage, type ReceivedPage } from '../page-job/page-document';
import type { PoliteHttpClient } from '../politeness/polite-http-client';
import type { Validators } from './stored-page';

export interface PageDownloadRequest {
  url: string;
  signal: AbortSignal;
  respectRobots: boolean;
  respectOptOuts: boolean;
  /** If-None-Match / If-Modified-Since of a revalidation; a 304 then answers 'not-modified'. */
  conditional?: Record<string, string>;
}

/** One GET of a page under the page limits: the page as received and its validators, or 'not-modified'. */
export async function downloadPage(
  http: PoliteHttpClient,
  settings: FetchSettings,
  request: PageDownloadRequest,
): Promise<{ received: ReceivedPage; validators: Validators } | 'not-modified'> {
  const { conditional, ...fetchRequest } = request;
  return http.fetch({ ...fetchRequest, headers: conditional, limits: settings.pageLimits }, async (response) => {
    if (conditional && response.status === 304) return 'not-modified' as const;
    const received = await receivePage(await ensureSuccess(response));
    return { received, validators: { etag: response.headers.etag ?? null, lastModified: response.headers['last-modified'] ?? null } };
  });
}
