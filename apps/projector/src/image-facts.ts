import type { ImageStatus, ImageView, ReadModelStore } from '@trawl/read-models';

/** What the fold needs of a task's images: status (to count an outcome once) and discovery order. */
export interface ImageFacts {
  status: Map<string, ImageStatus>;
  ordinal: Map<string, number>;
  /** The revision of the event that wrote an outcome row (the image's first outcome). */
  outcomeRevision: Map<string, number>;
}

export function noImageFacts(): ImageFacts {
  return { status: new Map(), ordinal: new Map(), outcomeRevision: new Map() };
}

/** Adds the stored rows of `imageIds` (those that exist) to `facts`; one read. */
export async function addStoredImages(store: ReadModelStore, taskId: string, imageIds: readonly string[], facts: ImageFacts): Promise<ImageFacts> {
  const stored = imageIds.length > 0 ? await store.getImages(taskId, imageIds) : new Map<string, ImageView>();
  for (const [id, row] of stored) {
    facts.status.set(id, row.status);
    facts.ordinal.set(id, row.ordinal);
    if (row.status !== 'pending') facts.outcomeRevision.set(id, row.revision);
  }
  return facts;
}

/** The image's status before the outcome at `revision`: a stored row written by that same event does not count. */
export function previousStatus(images: ImageFacts, imageId: string, revision: number): ImageStatus | null {
  const status = images.status.get(imageId) ?? null;
  return status !== 'pending' && images.outcomeRevision.get(imageId) === revision ? 'pending' : status;
}
