import { createHash } from 'node:crypto';

const SAFE = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * A sample key safe as a file name in every format: WebDataset reads it back as it was written, and
 * a zip path made of it cannot climb out of its folder. WebDataset splits a member's name at the
 * first dot of its last path part (`{key}.{ext}`), so a key may hold no dot and no slash; we keep
 * to letters, digits, `_` and `-`, and at most 80 characters so that every tar name fits a plain
 * ustar header (no pax records, hence exact shard sizes). A key that is already safe is kept; any
 * other is cleaned and given a short hash of the original, so two keys never become one.
 */
export function safeSampleKey(key: string): string {
  if (SAFE.test(key)) return key;
  const cleaned = key.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60);
  const digest = createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 12);
  return `${cleaned}-${digest}`;
}

/** The file extension as WebDataset's decoders expect it: lower case, `jpeg` spelled `jpg`. */
export function normalizedExtension(ext: string): string {
  const lower = ext.toLowerCase().replace(/^\./, '');
  if (!/^[a-z0-9]{1,10}$/.test(lower)) throw new Error(`image extension ${JSON.stringify(ext)} is not a plain extension`);
  return lower === 'jpeg' ? 'jpg' : lower;
}
