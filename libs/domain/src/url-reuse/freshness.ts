/** A download recorded for reuse by URL (an image's or a page's): when it was made, and its validators. */
export interface RecordedDownload {
  fetchedAt: string;
  etag: string | null;
  lastModified: string | null;
}

export type FreshnessDecision<R extends RecordedDownload> =
  | { kind: 'reuse'; from: R }
  | { kind: 'revalidate'; from: R; headers: Record<string, string> }
  | { kind: 'download' };

/**
 * What a recorded download is still good for (pure): younger than `maxAgeMs`, it is reused as it is;
 * older, it is revalidated with a conditional GET when the server gave a validator, else downloaded
 * again. A copy dated in the future (clocks apart) is not trusted as young.
 */
export function decideByFreshness<R extends RecordedDownload>(last: R, now: Date, maxAgeMs: number): FreshnessDecision<R> {
  const age = now.getTime() - Date.parse(last.fetchedAt);
  if (age >= 0 && age < maxAgeMs) return { kind: 'reuse', from: last };
  const headers: Record<string, string> = {};
  if (last.etag) headers['if-none-match'] = last.etag;
  if (last.lastModified) headers['if-modified-since'] = last.lastModified;
  return Object.keys(headers).length > 0 ? { kind: 'revalidate', from: last, headers } : { kind: 'download' };
}
