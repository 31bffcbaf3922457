import { buffer } from 'node:stream/consumers';
import type { Request, Response } from 'express';
import type { BlobStore } from '@trawl/blob-store';
import { probeImage } from '@trawl/scraping';
import { ApiProblem } from '../../http/problem';
import type { ServableImage } from './image-representations';

/** The JSON form of an image (the format of the thumbnail service trawl replaces). */
export interface ImageJson {
  id: string;
  sha256: string;
  contentType: string;
  width: number | null;
  height: number | null;
  bytes: number;
  /** The image's bytes, base64 (RFC 4648, with padding). */
  data: string;
}

/**
 * Answers with the image as JSON with base64 data, refusing images past `maxBytes` (base64 makes them a
 * third larger, and JSON is held whole in memory on both sides) with a 413 that says how to get it
 * anyway. Cached like the bytes: the content behind an address never changes. The ETag differs from
 * the bytes' one, since it names another representation.
 */
export async function sendImageJson(blobs: BlobStore, image: ServableImage, maxBytes: number, request: Request, response: Response): Promise<void> {
  if (image.bytes > maxBytes) {
    throw new ApiProblem(
      413, 'image-too-large-for-json', 'Content Too Large',
      `the image has ${image.bytes} bytes, more than the ${maxBytes} served as JSON; ask for a smaller variant (width, height, quality) or for the bytes (Accept: image/*)`,
    );
  }
  const etag = `"${image.sha256}.json"`;
  response.set({ ETag: etag, 'Cache-Control': 'public, max-age=31536000, immutable', 'X-Content-Type-Options': 'nosniff' });
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
    response.status(304).end();
    return;
  }
  const bytes = await buffer(await blobs.read(image.sha256));
  const probe = await probeImage(bytes);
  const body: ImageJson = {
    id: image.id,
    sha256: image.sha256,
    contentType: image.contentType,
    width: probe?.width ?? null,
    height: probe?.height ?? null,
    bytes: bytes.byteLength,
    data: bytes.toString('base64'),
  };
  response.status(200).json(body);
}
