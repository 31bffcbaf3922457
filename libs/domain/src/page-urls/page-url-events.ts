import { hash } from 'node:crypto';
import { z } from 'zod';

/**
 * The events of a page URL's stream (`page-url-<hash of the URL>`), version 1: the last download of
 * an HTML page, across tasks, so that a later task that asks for reuse (TaskRequested.reuse) records
 * the page from it instead of fetching it again (ADR 0012). Only successes are kept: an earlier
 * failure is tried again. The page's bytes are the kept HTML blob (TRAWL_KEEP_HTML); the reusing task
 * parses them with its own options, so its text and images are what a download would have given.
 */
const optOutNote = z.object({
  signal: z.string(),
  directive: z.string(),
  covers: z.enum(['all', 'images']),
  policy: z.string().optional(),
});

export const pageUrlFetched = z.object({
  url: z.string().describe('The page URL as the task asked for it (normalised, absolute http(s))'),
  finalUrl: z.string().describe('The URL after redirects: the base the page is parsed against'),
  httpStatus: z.number().int(),
  contentType: z.string().nullable().describe('The Content-Type header; null when the server sent none'),
  html: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int() }).describe('The page as received'),
  etag: z.string().nullable().describe('The ETag the server sent, for a conditional GET once the copy is older than TRAWL_REUSE_MAX_AGE'),
  lastModified: z.string().nullable().describe('The Last-Modified the server sent, for the same'),
  fetchedAt: z.string().describe('ISO 8601: when the page was downloaded, or last confirmed unchanged (304)'),
  taskId: z.string().describe('The task whose download this was'),
  honoured: z
    .object({
      robots: z.boolean().describe("The download was allowed by the site's robots.txt (the task honoured it)"),
      optOuts: z.boolean().describe("The response's AI opt-out headers and the site's tdmrep.json were judged (and did not refuse the page)"),
    })
    .describe('What the download was checked against: a task that honours more than this downloads the page itself'),
  imagesOptedOut: optOutNote.nullable().describe("The headers' opt-out of the page's images (noimageai), when judged; null when none"),
});
export type PageUrlFetched = z.infer<typeof pageUrlFetched>;

export const PAGE_URL_EVENT_SCHEMA_VERSION = 1;
const PAGE_URL_STREAM_PREFIX = 'page-url-';

/** The one place that names a page URL's stream (the URL hashed: URLs can be long and hold any character). */
export function pageUrlStreamName(url: string): string {
  return `${PAGE_URL_STREAM_PREFIX}${hash('sha256', url).slice(0, 40)}`;
}
