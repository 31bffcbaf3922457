import { hash } from 'node:crypto';

/**
 * The ETag Express gives a JSON body (`W/"<length in hex>-<SHA-1, base64, 27 characters>"`, as the
 * `etag` package makes it), computed with the one-shot `crypto.hash`: a hash object per response
 * (`createHash`) was a visible share of a status GET's CPU (issue 9 profile).
 */
export function weakEtagOf(body: string): string {
  return `W/"${Buffer.byteLength(body, 'utf8').toString(16)}-${hash('sha1', body, 'base64').slice(0, 27)}"`;
}

/**
 * Whether a conditional GET's `If-None-Match` names `etag` (weak comparison, RFC 9110 §13.1.2), so the
 * answer is a 304. `Cache-Control: no-cache` asks for the full answer, as Express's `req.fresh` honours.
 */
export function notModified(headers: { 'if-none-match'?: string; 'cache-control'?: string }, etag: string): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (!ifNoneMatch) return false;
  if (headers['cache-control'] && /(?:^|,)\s*no-cache\s*(?:,|$)/.test(headers['cache-control'])) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}
