import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { BlobStore } from '@trawl/blob-store';
import type { TaskEventOf } from '@trawl/domain';
import { END_MARKER_TAIL_BYTES, decodeDataUri } from '@trawl/scraping';
import { ContentRejectedError } from '../failures';
import { imageFailedEvent, imageStoredEvent } from '../image-job/image-outcome';
import { ensureWholeImage, probeImageHead } from '../image-job/image-verdicts';

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
  const { bytes } = decoded;
  if (bytes.length > input.maxBytes) {
    const error = { code: 'image-too-large', message: `inline image exceeds the limit of ${input.maxBytes} bytes (TRAWL_MAX_IMAGE_BYTES)` };
    return { sourceUrl, outcome: imageFailedEvent(ids, error, now) };
  }
  try {
    const probe = await probeImageHead(bytes, input.maxPixels);
    const tail = bytes.subarray(Math.max(0, bytes.length - END_MARKER_TAIL_BYTES));
    await ensureWholeImage({ probe, head: bytes, tail, bytes: bytes.length, readAll: async () => bytes }, input.maxPixels);
    const blob = await blobs.write(Readable.from([bytes]), { contentType: probe.contentType });
    return { sourceUrl, outcome: imageStoredEvent(ids, blob, probe, now) };
  } catch (error) {
    if (!(error instanceof ContentRejectedError)) throw error;
    return { sourceUrl, outcome: imageFailedEvent(ids, { code: error.code, message: error.message }, now) };
  }
}
