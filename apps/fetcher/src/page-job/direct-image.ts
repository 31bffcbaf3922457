import type { BlobStore } from '@trawl/blob-store';
import type { TaskCommand, TaskState } from '@trawl/domain';
import { imageIdFor, probeImage } from '@trawl/scraping';
import { ContentRejectedError } from '../failures';
import type { FetchSettings } from '../fetch-settings';
import type { ReceivedPage } from './page-document';
import { storeImageBytes } from './store-image-bytes';

/** Media types worth reading to see whether a task's URL answered with an image. */
export function mayBeImage(mediaType: string): boolean {
  return mediaType.startsWith('image/') || mediaType === 'application/octet-stream' || mediaType === 'binary/octet-stream';
}

/** True when the bytes probe as an image (the header of a supported format). */
export async function isImageBody(body: Buffer): Promise<boolean> {
  return (await probeImage(body)) !== null;
}

/**
 * A task whose URL answered with an image (the second seed's "POST an image URL"): that one image is
 * collected, stored like a page's image, and the task completes with it. A task that asked for text
 * only gets `not-html`, as before: there is no text to give it.
 */
export async function directImageCommand(
  state: TaskState,
  received: ReceivedPage,
  blobs: BlobStore,
  settings: FetchSettings,
  now: Date,
): Promise<TaskCommand> {
  if (!state.collect.includes('images')) {
    throw new ContentRejectedError('not-html', `the page is an image (${received.contentType ?? 'no Content-Type'}); ask for "images" to collect it`);
  }
  const url = received.finalUrl;
  const imageId = imageIdFor(url);
  const limits = { maxBytes: settings.imageLimits.maxBytes, maxPixels: settings.maxImagePixels };
  const outcome = await storeImageBytes({ taskId: state.taskId, imageId, sourceUrl: url }, received.body, limits, blobs, now);
  return {
    type: 'RecordPage',
    page: {
      finalUrl: url, httpStatus: received.httpStatus, contentType: received.contentType ?? 'application/octet-stream', charset: 'binary',
      bytes: received.body.length, title: null, text: null, imagesFound: 1, imagesTruncated: false, imagesReferenced: 1,
    },
    images: [{ imageId, url, ordinal: 0, via: 'task-url' }],
    inlineOutcomes: [outcome],
    now,
  };
}
