import { VariantStore, resolveVariant } from '@trawl/imaging';
import type { ThumbnailRequest } from '../opt-outs/task-opt-out-choice';

/** One thumbnail made ahead of time, as ImageStored carries it. */
export interface Thumbnail {
  width: number;
  sha256: string;
  bytes: number;
  contentType: string;
  /** The encoder quality it was made with; absent for PNG (lossless). */
  quality?: number;
}

/**
 * The task's thumbnails of a stored image (`fit=inside`, never enlarged; the requested format and
 * quality, else the source's own format at its default quality), made through the variant store:
 * each is the very variant `GET …/images/{id}?width=N&format=F[&quality=Q]` asks for, stored under
 * the same reference, so that request is served from the store. One that cannot be rendered (an SVG
 * sharp cannot read, a variant past the size cap) is left out: a thumbnail is a convenience, never a
 * reason to fail the image.
 */
export async function makeThumbnails(variants: VariantStore, image: { sha256: string; contentType: string }, wanted: readonly ThumbnailRequest[]): Promise<Thumbnail[]> {
  const made: Thumbnail[] = [];
  for (const { width, format, quality } of wanted) {
    const spec = resolveVariant({ width, format, quality }, image.contentType);
    try {
      const blob = await variants.variantOf(image.sha256, spec);
      made.push({ width, sha256: blob.sha256, bytes: blob.bytes, contentType: `image/${spec.format}`, ...(spec.quality === null ? {} : { quality: spec.quality }) });
    } catch {
      continue;
    }
  }
  return made;
}

const stores = new WeakMap<object, VariantStore>();

/** One variant store per blob store (it dedups concurrent renders of one variant). */
export function variantStoreFor(blobs: ConstructorParameters<typeof VariantStore>[0], limits: { maxPixels: number; maxBytes: number }): VariantStore {
  let store = stores.get(blobs);
  if (!store) {
    store = new VariantStore(blobs, { maxInputPixels: limits.maxPixels, maxOutputBytes: limits.maxBytes });
    stores.set(blobs, store);
  }
  return store;
}
