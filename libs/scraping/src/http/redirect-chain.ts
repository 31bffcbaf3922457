import { InvalidUrlError, RedirectLoopError, TooManyRedirectsError, UnsupportedSchemeError } from './fetch-errors';

const FETCHED_SCHEMES = new Set(['http:', 'https:']);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Parses an absolute URL and refuses anything but http(s). The fragment is dropped: it is never sent. */
export function parseFetchUrl(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new InvalidUrlError(base ? `${text} (from ${base.href})` : text);
  }
  if (!FETCHED_SCHEMES.has(url.protocol)) throw new UnsupportedSchemeError(url.href, url.protocol);
  url.hash = '';
  return url;
}

/** The Location to follow, or null when the response is the final one (304 and 300 included). */
export function redirectLocation(status: number, location: string | undefined): string | null {
  return REDIRECT_STATUSES.has(status) && location ? location : null;
}

/**
 * The hops of one fetch. Every hop is checked the same way as the first: scheme, then (by the
 * client) the address. A URL visited twice is a loop, and hops past `maxRedirects` are refused,
 * before any connection to the next hop.
 */
export class RedirectChain {
  private readonly seen = new Set<string>();
  private readonly visited: string[] = [];
  private current: URL;

  constructor(start: URL, private readonly maxRedirects: number) {
    this.current = start;
    this.seen.add(start.href);
  }

  get url(): URL {
    return this.current;
  }

  /** The URLs that answered with a redirect, the requested URL first. */
  get redirects(): string[] {
    return [...this.visited];
  }

  /** Moves to the redirect target, or throws the verdict that ends the fetch. */
  follow(location: string): URL {
    const next = parseFetchUrl(location, this.current);
    const redirects = [...this.visited, this.current.href];
    if (this.seen.has(next.href)) throw new RedirectLoopError(next.href, redirects);
    if (this.visited.length >= this.maxRedirects) {
      throw new TooManyRedirectsError(next.href, this.maxRedirects, redirects);
    }
    this.visited.push(this.current.href);
    this.seen.add(next.href);
    this.current = next;
    return next;
  }
}
