/** An image URL ready to fetch, and the identity it is de-duplicated by. */
export interface ResolvedImageUrl {
  url: string;
  /** The URL without its fragment: `a.png#x` and `a.png#y` are one image. */
  key: string;
}

// HTML strips ASCII whitespace around URL attributes; String.prototype.trim would strip more.
const EDGE_WHITESPACE = /^[\t\n\f\r ]+|[\t\n\f\r ]+$/g;

/**
 * The base URL relative references resolve against: the first `<base href>` (resolved against
 * the page's final URL) when it gives an http(s) URL, else the page's final URL itself.
 */
export function documentBaseUrl(pageUrl: string, baseHref: string | undefined): URL {
  const page = new URL(pageUrl);
  if (baseHref === undefined) return page;
  const base = URL.parse(baseHref.replace(EDGE_WHITESPACE, ''), page.href);
  return base !== null && isHttp(base) ? base : page;
}

/**
 * Resolves a reference as written in the document to an absolute http(s) URL without fragment,
 * or keeps a `data:` URI exactly as written. Anything else (empty, `about:blank`, `javascript:`,
 * `blob:`, unparsable) gives null: there is nothing to fetch.
 */
export function resolveImageUrl(raw: string, base: URL): ResolvedImageUrl | null {
  const trimmed = raw.replace(EDGE_WHITESPACE, '');
  if (trimmed === '') return null;
  if (/^data:/i.test(trimmed)) {
    const hash = trimmed.indexOf('#');
    return { url: trimmed, key: hash === -1 ? trimmed : trimmed.slice(0, hash) };
  }
  const url = URL.parse(trimmed, base.href);
  if (url === null || !isHttp(url)) return null;
  url.hash = '';
  return { url: url.href, key: url.href };
}

function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}
