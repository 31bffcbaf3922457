import { Readable } from 'node:stream';
import type { BlobStore } from '@trawl/blob-store';
import type { TaskEventOf } from '@trawl/domain';
import { END_MARKER_TAIL_BYTES } from '@trawl/scraping';
import { ContentRejectedError } from '../failures';
import { imageFailedEvent, imageStoredEvent } from '../image-job/image-outcome';
import { perceptualHashOf } from '../image-job/perceptual-hash-of';
import { ensureWholeImage, probeImageHead } from '../image-job/image-verdicts';

/**
 * Image bytes already in memory (a `data:` URI, or a task URL that answered with an image) stored
 * like a downloaded image: the same checks (an image, a whole one, within the pixel limit), and its
 * pHash. A rejection becomes ImageFailed with its code; anything else is thrown (retried).
 */
export async function storeImageBytes(
  ids: { taskId: string; imageId: string; sourceUrl: string },
  bytes: Buffer,
  limits: { maxBytes: number; maxPixels: number },
  blobs: BlobStore,
  now: Date,
): Promise<TaskEventOf<'ImageStored'> | TaskEventOf<'ImageFailed'>> {
  if (bytes.length > limits.maxBytes) {
    return imageFailedEvent(ids, { code: 'image-too-large', message: `the image exceeds the limit of ${limits.maxBytes} bytes (TRAWL_MAX_IMAGE_BYTES)` }, now);
  }
  try {
    const probe = await probeImageHead(bytes, limits.maxPixels);
    const tail = bytes.subarray(Math.max(0, bytes.length - END_MARKER_TAIL_BYTES));
    await ensureWholeImage({ probe, head: bytes, tail, bytes: bytes.length, readAll: async () => bytes }, limits.maxPixels);
    const blob = await blobs.write(Readable.from([bytes]), { contentType: probe.contentType });
    return imageStoredEvent(ids, blob, probe, now, await perceptualHashOf(bytes, limits.maxPixels));
  } catch (error) {
    if (!(error instanceof ContentRejectedError)) throw error;
    return imageFailedEvent(ids, { code: error.code, message: error.message }, now);
  }
}
