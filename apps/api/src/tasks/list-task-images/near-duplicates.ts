import { hammingDistance } from '@trawl/imaging';
import type { ImageView, ReadModelStore } from '@trawl/read-models';

/** Stored images whose hashes are compared at most: beyond, later images are not flagged (see README). */
export const NEAR_DUPLICATE_SCAN_LIMIT = 5000;

interface HashedImage {
  id: string;
  ordinal: number;
  perceptualHash: string;
}

/**
 * The task's stored images that have a pHash, in discovery order (the first NEAR_DUPLICATE_SCAN_LIMIT).
 * Read at query time: a comparison of 5,000 hashes is a few million XORs, milliseconds, and needs no
 * second projection that would have to be kept in step.
 */
export async function hashedImagesOf(readModels: ReadModelStore, taskId: string): Promise<HashedImage[]> {
  const hashed: HashedImage[] = [];
  let after: string | undefined;
  let scanned = 0;
  do {
    const page = await readModels.listImages(taskId, { status: 'stored', limit: 500, after });
    for (const image of page.items) if (image.perceptualHash) hashed.push({ id: image.id, ordinal: image.ordinal, perceptualHash: image.perceptualHash });
    scanned += page.items.length;
    after = page.next ?? undefined;
  } while (after && scanned < NEAR_DUPLICATE_SCAN_LIMIT);
  return hashed;
}

/**
 * The earliest image of the task (before this one in discovery order) whose pHash is within
 * `threshold` bits of this one's, or null: this image then counts as new data.
 */
export function nearDuplicateOf(image: Pick<ImageView, 'id' | 'ordinal' | 'perceptualHash'>, earlier: readonly HashedImage[], threshold: number): string | null {
  if (!image.perceptualHash) return null;
  for (const other of earlier) {
    if (other.ordinal > image.ordinal || (other.ordinal === image.ordinal && other.id >= image.id)) break;
    if (hammingDistance(other.perceptualHash, image.perceptualHash) <= threshold) return other.id;
  }
  return null;
}

/** A page of images, each with `nearDuplicateOf`; with `exclude`, the near-duplicates left out. */
export async function flagNearDuplicates(
  readModels: ReadModelStore,
  taskId: string,
  items: readonly ImageView[],
  options: { threshold: number; exclude: boolean },
): Promise<Array<{ image: ImageView; nearDuplicateOf: string | null }>> {
  const hashed = items.some((image) => image.perceptualHash) ? await hashedImagesOf(readModels, taskId) : [];
  const flagged = items.map((image) => ({ image, nearDuplicateOf: nearDuplicateOf(image, hashed, options.threshold) }));
  return options.exclude ? flagged.filter((entry) => entry.nearDuplicateOf === null) : flagged;
}
