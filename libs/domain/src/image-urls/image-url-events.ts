import { hash } from 'node:crypto';
import { z } from 'zod';
import { decideByFreshness, type FreshnessDecision } from '../url-reuse/freshness';

/**
 * The events of an image URL's stream (`image-url-<hash of the URL>`), version 1: what trawl knows
 * about the image at that URL across tasks, so that a URL stored by one task is linked to the next
 * task that finds it instead of being downloaded again (seed 000's rule). Only successes are kept:
 * an earlier failure is tried again.
 */
export const imageUrlFetched = z.object({
  url: z.string().describe('The image URL as the page referenced it (absolute http(s))'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).describe('The stored bytes'),
  contentType: z.string(),
  format: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  etag: z.string().nullable().describe('The ETag the server sent, for a conditional GET once the copy is older than TRAWL_REUSE_MAX_AGE'),
  lastModified: z.string().nullable().describe('The Last-Modified the server sent, for the same'),
  fetchedAt: z.string().describe('ISO 8601: when the bytes were downloaded, or last confirmed unchanged (304)'),
  taskId: z.string().describe('The task whose download this was'),
  imageId: z.string(),
});
export type ImageUrlFetched = z.infer<typeof imageUrlFetched>;

export const IMAGE_URL_EVENT_SCHEMA_VERSION = 1;
const IMAGE_URL_STREAM_PREFIX = 'image-url-';

/** The one place that names an image URL's stream (the URL hashed: URLs can be long and hold any character). */
export function imageUrlStreamName(url: string): string {
  return `${IMAGE_URL_STREAM_PREFIX}${hash('sha256', url).slice(0, 40)}`;
}

export type ReuseDecision = FreshnessDecision<ImageUrlFetched>;

/**
 * Whether an image URL needs a download (pure): a copy younger than `maxAgeMs` is reused as it is; an
 * older one is revalidated with a conditional GET when the server gave a validator; otherwise, or
 * when nothing is known, the image is downloaded.
 */
export function decideReuse(last: ImageUrlFetched | null, now: Date, maxAgeMs: number): ReuseDecision {
  return last ? decideByFreshness(last, now, maxAgeMs) : { kind: 'download' };
}
