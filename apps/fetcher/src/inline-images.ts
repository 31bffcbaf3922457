import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { BlobStore } from '@trawl/blob-store';
import type { TaskEvent } from '@trawl/domain';
import { decodeDataUri, probeImage } from '@trawl/scraping';
import { imageFailedEvent, imageStoredEvent } from './image-outcome';

/**
 * A `data:` image is decoded where it is found (no job, no fetch) and stored like any other image.
 * Its source URL in events is a short reference (media type and hash), not the inline bytes.
 */
export async function storeInlineImage(
  input: { taskId: string; imageId: string; dataUri: string; maxBytes: number },
  blobs: BlobStore,
  now: Date,
): Promise<{ sourceUrl: string; outcome: TaskEvent }> {
  const decoded = decodeDataUri(input.dataUri);
  const digest = createHash('sha256').update(decoded?.bytes ?? input.dataUri).digest('hex');
  const sourceUrl = `data:${decoded?.contentType ?? 'unknown'};sha256,${digest}`;
  const ids = { taskId: input.taskId, imageId: input.imageId, sourceUrl };
  if (!decoded) return { sourceUrl, outcome: imageFailedEvent(ids, { code: 'invalid-data-uri', message: 'the data: URI does not decode' }, now) };
  if (decoded.bytes.length > input.maxBytes) {
    return { sourceUrl, outcome: imageFailedEvent(ids, { code: 'body-too-large', message: `inline image exceeds ${input.maxBytes} bytes` }, now) };
  }
  const probe = await probeImage(decoded.bytes);
  if (!probe) return { sourceUrl, outcome: imageFailedEvent(ids, { code: 'not-an-image', message: 'the inline data does not decode as an image' }, now) };
  const blob = await blobs.write(Readable.from([decoded.bytes]), { contentType: probe.contentType });
  return { sourceUrl, outcome: imageStoredEvent(ids, blob, probe, now) };
}
