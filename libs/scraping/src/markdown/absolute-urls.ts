import type { LightDocument, LightElement } from '../main-content/light-dom';

/** The URL that relative links of a page resolve against: its first `<base href>`, else the page's own. */
export function documentBaseUrl(document: LightDocument, pageUrl: string): string {
  const href = document.querySelector('base[href]')?.getAttribute('href');
  if (href) {
    const resolved = resolveUrl(href, pageUrl);
    if (resolved !== null) return resolved;
  }
  return pageUrl;
}

export function resolveUrl(reference: string, base: string): string | null {
  try {
    return new URL(reference.trim(), base).href;
  } catch {
    return null;
  }
}

const SAFE_SCHEMES = /^(?:https?|mailto|ftp):/i;

/**
 * Rewrites links and image sources of a subtree to absolute URLs. A link that does not resolve, or to
 * a scheme that is no place to go (`javascript:`, `data:`), loses its href and keeps its text.
 */
export function absolutizeLinks(root: LightElement, baseUrl: string): void {
  for (const link of Array.from(root.querySelectorAll('a[href]'))) {
    const href = link.getAttribute('href') ?? '';
    const absolute = href.startsWith('#') ? null : resolveUrl(href, baseUrl);
    if (absolute !== null && SAFE_SCHEMES.test(absolute)) link.setAttribute('href', absolute);
    else link.removeAttribute('href');
  }
  for (const image of Array.from(root.querySelectorAll('img'))) {
    // Lazy-loading pages keep the real source in data-src; the src is then a placeholder.
    const source = image.getAttribute('data-src') ?? image.getAttribute('src') ?? '';
    const absolute = source.startsWith('data:') ? null : resolveUrl(source, baseUrl);
    if (absolute !== null && /^https?:/i.test(absolute)) image.setAttribute('src', absolute);
    else image.remove();
  }
}
