import { createHash } from 'node:crypto';
import type { BlobStore } from '@trawl/blob-store';
import type { TaskEventOf } from '@trawl/domain';
import { decodeDataUri } from '@trawl/scraping';
import { imageFailedEvent } from '../image-job/image-outcome';
import { storeImageBytes } from './store-image-bytes';

/**
 * A `data:` image is decoded where it is found (no job, no fetch) and stored like any other image,
 * under the same limits (bytes, pixels) and checks (an image, and a whole one).
 * Its source URL in events is a short reference (media type and hash), not the inline bytes.
 */
export async function storeInlineImage(
  input: { taskId: string; imageId: string; dataUri: string; maxBytes: number; maxPixels: number },
  blobs: BlobStore,
  now: Date,
): Promise<{ sourceUrl: string; outcome: TaskEventOf<'ImageStored'> | TaskEventOf<'ImageFailed'> }> {
  const decoded = decodeDataUri(input.dataUri);
  const digest = createHash('sha256').update(decoded?.bytes ?? input.dataUri).digest('hex');
  const sourceUrl = `data:${decoded?.contentType ?? 'unknown'};sha256,${digest}`;
  const ids = { taskId: input.taskId, imageId: input.imageId, sourceUrl };
  if (!decoded) return { sourceUrl, outcome: imageFailedEvent(ids, { code: 'invalid-data-uri', message: 'the data: URI does not decode' }, now) };
  const outcome = await storeImageBytes(ids, decoded.bytes, { maxBytes: input.maxBytes, maxPixels: input.maxPixels }, blobs, now);
  return { sourceUrl, outcome };
}
