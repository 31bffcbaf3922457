import type { Model } from 'mongoose';

/** Lookups in flight at once: enough to hide the round trip, few enough not to open a pool's worth of connections. */
const CONCURRENT_LOOKUPS = 8;

/**
 * The documents of those `ids` that exist, found one `_id` at a time. FerretDB 1.24 on SQLite turns
 * only an `_id` equality into an indexed lookup: `{ _id: { $in: ids } }` (or `$or`) reads the whole
 * collection, measured here at 260 ms for 8 ids among 1,200 image documents and growing with the
 * collection, against ~1 ms a lookup. MongoDB serves both fast.
 */
export async function findByIds<D extends { _id: string }>(model: Model<D>, ids: readonly string[]): Promise<D[]> {
  const unique = [...new Set(ids)];
  const found: D[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < unique.length) {
      const id = unique[next];
      next += 1;
      const doc = await model.findOne({ _id: id } as never).lean<D>();
      if (doc) found.push(doc);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_LOOKUPS, unique.length) }, worker));
  return found;
}
