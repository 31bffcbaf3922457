import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import parseRange from 'range-parser';
import type { BlobStore } from '@trawl/blob-store';
import { problems } from './problem';

/**
 * Streams a content-addressed blob as an HTTP response: strong ETag (the SHA-256), conditional GET,
 * a single byte range (several ranges are answered with the whole body, as RFC 9110 allows), and
 * long-lived caching since the bytes behind a hash never change.
 */
export async function sendBlob(
  store: BlobStore,
  blob: { sha256: string; bytes: number; contentType: string },
  request: Request,
  response: Response,
): Promise<void> {
  const etag = `"${blob.sha256}"`;
  response.set({
    ETag: etag,
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'public, max-age=31536000, immutable',
    'Content-Type': blob.contentType,
    'X-Content-Type-Options': 'nosniff',
  });
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
    response.status(304).end();
    return;
  }
  let range: { start: number; end: number } | undefined;
  const header = request.headers.range;
  const ifRange = request.headers['if-range'];
  if (header && (!ifRange || ifRange === etag)) {
    const parsed = parseRange(blob.bytes, header, { combine: true });
    if (parsed === -1) throw problems.rangeNotSatisfiable(blob.bytes);
    if (parsed !== -2 && parsed.type === 'bytes' && parsed.length === 1) range = parsed[0];
  }
  if (range) {
    response.status(206).set({ 'Content-Range': `bytes ${range.start}-${range.end}/${blob.bytes}`, 'Content-Length': String(range.end - range.start + 1) });
  } else {
    response.status(200).set('Content-Length', String(blob.bytes));
  }
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const body = await store.read(blob.sha256, range);
  await pipeline(body, response);
}
