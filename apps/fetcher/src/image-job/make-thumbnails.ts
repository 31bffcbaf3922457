import { VariantStore, resolveVariant } from '@trawl/imaging';

/** One thumbnail made ahead of time, as ImageStored carries it. */
export interface Thumbnail {
  width: number;
  sha256: string;
  bytes: number;
  contentType: string;
}

/**
 * The task's thumbnails of a stored image (widths; the source's own format, `fit=inside`, never
 * enlarged), made through the variant store: each is the very variant `GET …/images/{id}?width=N`
 * asks for, stored under the same reference, so that request is served from the store. A width
 * that cannot be rendered (an SVG sharp cannot read, a variant past the size cap) is left out: a
 * thumbnail is a convenience, never a reason to fail the image.
 */
export async function makeThumbnails(variants: VariantStore, image: { sha256: string; contentType: string }, widths: readonly number[]): Promise<Thumbnail[]> {
  const made: Thumbnail[] = [];
  for (const width of widths) {
    const spec = resolveVariant({ width }, image.contentType);
    try {
      const blob = await variants.variantOf(image.sha256, spec);
      made.push({ width, sha256: blob.sha256, bytes: blob.bytes, contentType: `image/${spec.format}` });
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
