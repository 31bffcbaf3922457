import type { Page } from './read-model.types';
import { InvalidCursorError } from './read-model.errors';

/** Where a listing resumes: the sort key of the last item served (tasks: createdAt+id; images: ordinal+id). */
export type TaskCursorKey = readonly [createdAt: string, id: string];
export type ImageCursorKey = readonly [ordinal: number, id: string];

export const MAX_PAGE_LIMIT = 500;
export const DEFAULT_IMAGE_PAGE_LIMIT = 100;

/** Opaque to clients (base64url JSON), and the same for every adapter. */
export function encodeCursor(key: TaskCursorKey | ImageCursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeTaskCursor(cursor: string): TaskCursorKey {
  const key = decode(cursor);
  if (typeof key[0] !== 'string') throw new InvalidCursorError(cursor);
  return [key[0], key[1]];
}

export function decodeImageCursor(cursor: string): ImageCursorKey {
  const key = decode(cursor);
  if (typeof key[0] !== 'number' || !Number.isSafeInteger(key[0])) throw new InvalidCursorError(cursor);
  return [key[0], key[1]];
}

/** Limits outside 1..500 are clamped: the HTTP edge validates, the store just stays bounded. */
export function pageLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(MAX_PAGE_LIMIT, Math.max(1, Math.floor(limit)));
}

/**
 * Builds a page from up to `limit + 1` rows fetched in order: the extra row only tells that another
 * page exists, which saves a count query.
 */
export function toPage<T>(rows: T[], limit: number, keyOf: (item: T) => TaskCursorKey | ImageCursorKey): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

function decode(cursor: string): [unknown, string] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError(cursor);
  }
  if (!Array.isArray(key) || key.length !== 2 || typeof key[1] !== 'string') throw new InvalidCursorError(cursor);
  return [key[0], key[1]];
}
