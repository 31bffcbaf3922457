import { hash } from 'node:crypto';

/**
 * A deterministic, URL-safe id for an image URL: `img_` and the first 20 hex digits (80 bits) of
 * the SHA-256 of the normalised URL. URLs that differ only in fragment, in letter case of scheme
 * or host, or in default port get the same id.
 */
export function imageIdFor(url: string): string {
  return `img_${hash('sha256', normaliseImageUrl(url)).slice(0, 20)}`;
}

/** The URL's identity: WHATWG-serialized without fragment; a `data:` URI as written, up to `#`. */
export function normaliseImageUrl(url: string): string {
  const trimmed = url.trim();
  const hash = trimmed.indexOf('#');
  if (/^data:/i.test(trimmed)) return hash === -1 ? trimmed : trimmed.slice(0, hash);
  const parsed = URL.parse(trimmed);
  if (parsed === null) return trimmed;
  parsed.hash = '';
  return parsed.href;
}
