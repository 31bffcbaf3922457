import type { BlobInfo } from '@trawl/blob-store';
import type { TaskEventOf } from '@trawl/domain';
import type { ImageProbe } from '@trawl/scraping';
import type { Thumbnail } from './make-thumbnails';

/** The ImageStored event for bytes that were stored and probed as an image. */
export function imageStoredEvent(
  ids: { taskId: string; imageId: string; sourceUrl: string },
  blob: BlobInfo,
  probe: ImageProbe,
  now: Date,
  perceptualHash?: string,
): TaskEventOf<'ImageStored'> {
  return {
    type: 'ImageStored',
    data: {
      ...ids,
      ...(perceptualHash ? { perceptualHash } : {}),
      sha256: blob.sha256,
      contentType: probe.contentType,
      format: probe.format,
      width: probe.width,
      height: probe.height,
      bytes: blob.bytes,
      storedAt: now.toISOString(),
    },
  };
}

export function imageFailedEvent(
  ids: { taskId: string; imageId: string; sourceUrl: string },
  error: { code: string; message: string },
  now: Date,
): TaskEventOf<'ImageFailed'> {
  return { type: 'ImageFailed', data: { ...ids, error, failedAt: now.toISOString() } };
}

/** The ImageStored event for an image obtained by download or reuse (see obtainImage). */
export function imageStoredFrom(
  ids: { taskId: string; imageId: string; sourceUrl: string },
  image: { sha256: string; contentType: string; format: string; width: number; height: number; bytes: number; perceptualHash?: string; thumbnails?: Thumbnail[] },
  reusedFrom: { taskId: string; imageId: string; fetchedAt: string } | null,
  now: Date,
): TaskEventOf<'ImageStored'> {
  const { sha256, contentType, format, width, height, bytes, perceptualHash, thumbnails } = image;
  return {
    type: 'ImageStored',
    data: {
      ...ids, sha256, contentType, format, width, height, bytes, storedAt: now.toISOString(),
      ...(reusedFrom ? { reusedFrom } : {}),
      ...(perceptualHash ? { perceptualHash } : {}),
      ...(thumbnails && thumbnails.length > 0 ? { thumbnails } : {}),
    },
  };
}
