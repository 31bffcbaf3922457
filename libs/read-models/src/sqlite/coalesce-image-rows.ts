import type { ImageView } from '../read-model.types';

/**
 * The rows of one saveImages call, one per image, as UPSERT_IMAGE would leave them had they been
 * written one after another: an image's first row stands, except that an outcome replaces a pending
 * row and keeps what only discovery knows (`via`, `context`); the first outcome is final. A batch
 * that holds an image's discovery and its outcome (most of them, when the projector catches up) then
 * writes the image once instead of inserting it and rewriting it.
 */
export function coalesceImageRows(rows: readonly ImageView[]): ImageView[] {
  const byImage = new Map<string, ImageView>();
  for (const row of rows) {
    const key = `${row.taskId}\u0000${row.id}`;
    const first = byImage.get(key);
    if (!first) byImage.set(key, row);
    else if (first.status === 'pending' && row.status !== 'pending') byImage.set(key, withDiscovery(row, first));
  }
  return [...byImage.values()];
}

function withDiscovery(outcome: ImageView, pending: ImageView): ImageView {
  const { via: _via, context: _context, ...rest } = outcome;
  return { ...rest, ...(pending.via === undefined ? {} : { via: pending.via }), ...(pending.context === undefined ? {} : { context: pending.context }) };
}
