import type { Model } from 'mongoose';

/** Lookups in flight at once: enough to hide the round trip, few enough not to open a pool's worth of connections. */
const CONCURRENT_LOOKUPS = 8;

/**
 * The documents of those `ids` that exist, found one `_id` at a time. FerretDB 1.24 on SQLite scans
 * for every read (its `explain` shows `SCAN` even for an `_id` equality), but an `_id` equality is
 * pushed down to SQLite, and findOne stops at the match, while `{ _id: { $in: ids } }` is not pushed
 * down: FerretDB decodes every document of the collection. Measured here (2 cores under load): 8 ids
 * absent among 12,800 image documents, 6.3 to 6.9 s by `$in`, 3.4 to 6.4 s one by one; 2 recent
 * tasks among 1,600, 0.6 to 0.8 s against 0.37 s. MongoDB serves both by its `_id` index. The
 * projector avoids these reads where it can (see apps/projector TaskMemory).
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
