import { imagesOptedOutFor, type PageUrlFetched, type ReusePolicy } from '@trawl/domain';
import type { OptOut } from '@trawl/scraping';
import type { ReceivedPage } from '../page-job/page-document';

/** The server's validators of a download, for a conditional GET once the copy is old. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/** A task's own download of a page, as the registry records it (with its kept HTML). */
export interface PageDownload {
  url: string;
  taskId: string;
  received: ReceivedPage;
  validators: Validators;
  now: Date;
}

/**
 * What the registry keeps of a download (pure): where the page ended up, its kept HTML, its
 * validators, and what the download was checked against (see decidePageReuse).
 */
export function pageRecordOf(download: PageDownload & { html: { sha256: string; bytes: number } }, policy: ReusePolicy): PageUrlFetched {
  const { received } = download;
  return {
    url: download.url, finalUrl: received.finalUrl, httpStatus: received.httpStatus, contentType: received.contentType ?? null, html: download.html,
    ...download.validators, fetchedAt: download.now.toISOString(), taskId: download.taskId,
    honoured: { robots: policy.respectRobots, optOuts: policy.respectOptOuts },
    imagesOptedOut: policy.respectOptOuts && received.imagesOptedOut ? { ...received.imagesOptedOut } : null,
  };
}

/**
 * The page as this task would have received it (pure), from a recorded download and its kept bytes:
 * the same URL to resolve against, the same headers' verdict on its images, or none for a task that
 * ignores opt-outs (whose parse then ignores the page's meta tags too, as a download's would).
 */
export function receivedFromRecord(record: PageUrlFetched, body: Buffer, policy: ReusePolicy): ReceivedPage {
  const imagesOptedOut = imagesOptedOutFor(record, policy) as OptOut | null;
  return {
    finalUrl: record.finalUrl, httpStatus: record.httpStatus, contentType: record.contentType ?? undefined, body,
    ...(imagesOptedOut ? { imagesOptedOut } : {}),
    ...(policy.respectOptOuts ? {} : { optOutsIgnored: true as const }),
  };
}
