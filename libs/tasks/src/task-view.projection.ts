import type { TaskEvent } from '@trawl/domain';
import type { ErrorInfo, ImageStatus, ImageView, TaskView } from '@trawl/read-models';

/**
 * The read-model projection as pure functions: given the current documents and one event of the
 * task's stream (with its revision and time), the documents to write. Order-safety and idempotency
 * come from the revision guard: an event at or below a document's revision changes nothing.
 */
export function projectTaskView(
  view: TaskView | null,
  event: TaskEvent,
  meta: { revision: number; recordedAt: string; previousImageStatus?: ImageStatus | null },
): TaskView | null {
  if (event.type === 'TaskRequested') {
    if (view) return null;
    const { taskId, url, collect, requestedAt } = event.data;
    return {
      id: taskId, url, collect, ...(event.data.batchId ? { batchId: event.data.batchId } : {}), respectRobots: event.data.respectRobots ?? true, status: 'queued',
      ...(event.data.expiresAt ? { expiresAt: event.data.expiresAt } : {}),
      progress: { imagesFound: 0, imagesStored: 0, imagesFailed: 0 },
      error: null, page: null, text: null, createdAt: requestedAt, updatedAt: meta.recordedAt,
      revision: meta.revision,
    };
  }
  if (!view || meta.revision <= view.revision) return null;
  const next: TaskView = { ...view, progress: { ...view.progress }, revision: meta.revision, updatedAt: meta.recordedAt };
  const final = next.status === 'completed' || next.status === 'failed' || next.status === 'cancelled' || next.status === 'expired';
  switch (event.type) {
    case 'TaskStarted':
      if (next.status === 'queued') next.status = 'running';
      break;
    case 'PageFetched': {
      const { finalUrl, title, httpStatus, contentType, text, imagesFound, imagesTruncated, imagesReferenced } = event.data;
      next.page = { finalUrl, title, httpStatus, contentType };
      next.text = text;
      if (event.data.markdown) next.markdown = event.data.markdown;
      if (event.data.html) next.html = event.data.html;
      if (event.data.metadata) next.metadata = event.data.metadata;
      if (event.data.extraction) next.extraction = { ...event.data.extraction, version: 1 };
      if (event.data.reusedFrom) next.reusedFrom = event.data.reusedFrom;
      next.progress.imagesFound = imagesFound;
      // Set, not appended: the page is fetched once per run, and a replay sets the same warning.
      if (imagesTruncated) next.warnings = [tooManyImages(imagesFound, imagesReferenced)];
      if (next.status === 'queued') next.status = 'running';
      break;
    }
    case 'ImageStored':
    case 'ImageFailed':
      // A redelivered outcome for an image that already has one must not count twice. The projector
      // writes the task view before the image rows, so a crash between the two replays correctly.
      // A download that finished after a cancel does not move the counts of the cancelled task.
      if (!final && meta.previousImageStatus !== 'stored' && meta.previousImageStatus !== 'failed') {
        if (event.type === 'ImageStored') next.progress.imagesStored += 1;
        else next.progress.imagesFailed += 1;
      }
      break;
    case 'TaskCompleted':
      if (!final) next.status = 'completed';
      break;
    case 'TaskFailed':
      if (!final) {
        next.status = 'failed';
        next.error = event.data.error;
      }
      break;
    case 'TaskCancelled':
      if (!final) next.status = 'cancelled';
      break;
    case 'TaskRequeued':
      // A new run (ADR 0005): the task shows as queued again, without the failed run's error. A failed
      // task never fetched its page, so there are no page details or image counts to clear.
      if (next.status === 'failed') {
        next.status = 'queued';
        next.error = null;
        next.page = null;
        next.text = null;
        next.progress = { imagesFound: 0, imagesStored: 0, imagesFailed: 0 };
      }
      break;
    case 'ImagesDiscovered':
      break;
    case 'TaskExpired':
      return expiredTombstone(next, event.data.expiredAt);
    case 'TaskBlobsReleased':
      next.blobsReleasedAt = event.data.releasedAt;
      break;
    case 'TextExtracted': {
      if (next.status === 'expired') break; // a re-extraction that raced the sweep shows nothing
      // The text cut again from the stored page: the view serves the newest extraction.
      const { mode, format, extractor, version, text, markdown, metadata, title } = event.data;
      next.text = text;
      next.markdown = markdown;
      if (metadata) next.metadata = metadata;
      if (next.page) next.page = { ...next.page, title };
      next.extraction = { mode, format, extractor, version };
      break;
    }
  }
  return next;
}

/**
 * What retention leaves of a task (ADR 0009): who it was and how it ended, not what it collected. The
 * API answers 410 Gone for it; the projector removes its image rows and blob references.
 */
function expiredTombstone(view: TaskView, expiredAt: string): TaskView {
  const { id, url, collect, batchId, respectRobots, progress, error, expiresAt, createdAt, updatedAt, revision } = view;
  return {
    id, url, collect, ...(batchId ? { batchId } : {}), ...(respectRobots === undefined ? {} : { respectRobots }), status: 'expired',
    // Cleared with explicit nulls, not left out: a document store that sets fields (MongoDB's $set)
    // would keep the old values of fields left out, and a rebuild would then differ.
    progress, error, warnings: [], page: null, text: null, markdown: null, html: null, metadata: null, extraction: null,
    ...(expiresAt ? { expiresAt } : {}), expiredAt, createdAt, updatedAt, revision,
  };
}

/** The warning of a page with more images than TRAWL_MAX_IMAGES_PER_PAGE (the first ones are kept). */
function tooManyImages(kept: number, referenced: number | undefined): ErrorInfo {
  const found = referenced === undefined ? `more than ${kept}` : String(referenced);
  return { code: 'too-many-images', message: `the page references ${found} images; only the first ${kept} are collected (TRAWL_MAX_IMAGES_PER_PAGE)` };
}

/** Image rows an event creates or changes. */
export function projectImageRows(
  event: TaskEvent,
  meta: { revision: number; recordedAt: string; ordinalOf?: (imageId: string) => number | undefined },
): ImageView[] {
  const base = { sha256: null, contentType: null, width: null, height: null, bytes: null, error: null };
  switch (event.type) {
    case 'ImagesDiscovered':
      return event.data.images.map((image) => ({
        ...base, taskId: event.data.taskId, id: image.imageId, sourceUrl: image.url, status: 'pending',
        ...(image.via ? { via: image.via } : {}), ...(image.context ? { context: image.context } : {}),
        ordinal: image.ordinal, updatedAt: meta.recordedAt, revision: meta.revision,
      }));
    case 'ImageStored': {
      const { taskId, imageId, sourceUrl, sha256, contentType, width, height, bytes, reusedFrom, perceptualHash, thumbnails } = event.data;
      return [{
        taskId, id: imageId, sourceUrl, status: 'stored', sha256, contentType, width, height, bytes, error: null,
        ...(reusedFrom ? { reusedFrom } : {}),
        ...(perceptualHash ? { perceptualHash } : {}),
        ...(thumbnails ? { thumbnails } : {}),
        ordinal: meta.ordinalOf?.(imageId) ?? 0, updatedAt: meta.recordedAt, revision: meta.revision,
      }];
    }
    case 'ImageFailed': {
      const { taskId, imageId, sourceUrl, error } = event.data;
      return [{
        ...base, taskId, id: imageId, sourceUrl, status: 'failed', error,
        ordinal: meta.ordinalOf?.(imageId) ?? 0, updatedAt: meta.recordedAt, revision: meta.revision,
      }];
    }
    default:
      return [];
  }
}
