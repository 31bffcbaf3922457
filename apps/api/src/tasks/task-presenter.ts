import type { ImageView, TaskView } from '@trawl/read-models';

export const API_PREFIX = '/api/v1';

export function taskPath(id: string): string {
  return `${API_PREFIX}/tasks/${id}`;
}

/** The public JSON shape of a task (documented in the OpenAPI document). */
export function presentTask(view: TaskView) {
  const self = taskPath(view.id);
  return {
    id: view.id,
    url: view.url,
    collect: view.collect,
    respectRobots: view.respectRobots ?? true,
    status: view.status,
    progress: view.progress,
    error: view.error,
    warnings: view.warnings ?? [],
    title: view.page?.title ?? null,
    finalUrl: view.page?.finalUrl ?? null,
    text: view.text ? { bytes: view.text.bytes, sha256: view.text.sha256, url: `${self}/text` } : null,
    markdown: view.markdown ? { bytes: view.markdown.bytes, sha256: view.markdown.sha256, url: `${self}/text?format=markdown` } : null,
    metadata: view.metadata ?? null,
    extraction: view.extraction ?? null,
    // Page reuse (ADR 0012): shown only when the task made no download of its own.
    ...(view.reusedFrom ? { reusedFrom: view.reusedFrom } : {}),
    // Retention (ADR 0009): shown only when set, so the shape of other tasks stays as it was.
    ...(view.expiresAt ? { expiresAt: view.expiresAt } : {}),
    ...(view.expiredAt ? { expiredAt: view.expiredAt } : {}),
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
    links: taskLinks(self, view.collect),
  };
}

export function presentImage(image: ImageView) {
  return {
    id: image.id,
    sourceUrl: image.sourceUrl,
    status: image.status,
    sha256: image.sha256,
    contentType: image.contentType,
    width: image.width,
    height: image.height,
    bytes: image.bytes,
    error: image.error,
    reusedFrom: image.reusedFrom ?? null,
    via: image.via ?? null,
    context: image.context ?? null,
    perceptualHash: image.perceptualHash ?? null,
    thumbnails: (image.thumbnails ?? []).map((thumbnail) => ({ ...thumbnail, url: `${taskPath(image.taskId)}/images/${image.id}?${thumbnailQuery(thumbnail)}` })),
    url: image.status === 'stored' ? `${taskPath(image.taskId)}/images/${image.id}` : null,
  };
}

/**
 * The variant query that serves exactly a stored thumbnail: its format and quality are spelled out, so
 * the GET resolves to the spec it was made with (for a source-format thumbnail at the default quality
 * that is the same spec as `?width=N` alone: defaults resolve to what is named).
 */
function thumbnailQuery(thumbnail: { width: number; contentType: string; quality?: number }): string {
  const format = thumbnail.contentType.replace(/^image\//, '');
  return `width=${thumbnail.width}&format=${format}${thumbnail.quality === undefined ? '' : `&quality=${thumbnail.quality}`}`;
}

/** Links that can answer: `text` only when the task collects text, `images` only when it collects images. */
export function taskLinks(self: string, collect: readonly string[]): Record<string, string> {
  return {
    self,
    ...(collect.includes('text') ? { text: `${self}/text` } : {}),
    ...(collect.includes('images') ? { images: `${self}/images` } : {}),
    events: `${self}/events`,
  };
}
