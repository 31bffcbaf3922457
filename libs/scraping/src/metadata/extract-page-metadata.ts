import { documentBaseUrl, resolveUrl } from '../markdown/absolute-urls';
import { extractMainContent } from '../main-content/extract-main-content';
import { parseLightDom } from '../main-content/light-dom';
import type { LightDocument } from '../main-content/light-dom';
import { detectLanguage } from './detect-language';
import { jsonLdName, jsonLdNodes, mainJsonLdNode } from './json-ld';
import { pageLicense } from './license';
import type { PageMetadata } from './page-metadata.schema';

/**
 * The page's metadata from `<meta>`, Open Graph and JSON-LD, and the language of its main text.
 * Pass `text` when the main content is already extracted, to spare a second extraction.
 */
export function extractPageMetadata(html: string, pageUrl: string, options: { text?: string } = {}): PageMetadata {
  const document = parseLightDom(html);
  const baseUrl = documentBaseUrl(document, pageUrl);
  const meta = (...keys: string[]) => metaContent(document, keys);
  const ld = mainJsonLdNode(jsonLdNodes(document));
  const ldString = (key: string) => (typeof ld?.[key] === 'string' ? clean(ld[key] as string) : null);
  const detected = detectLanguage(options.text ?? extractMainContent(html, pageUrl).text);
  const canonical = document.querySelector('link[rel~="canonical"][href]')?.getAttribute('href') ?? meta('og:url');
  return {
    title: meta('og:title', 'twitter:title') ?? ldString('headline') ?? (clean(document.title) || null),
    description: meta('description', 'og:description', 'twitter:description') ?? ldString('description'),
    canonicalUrl: canonical ? resolveUrl(canonical, baseUrl) : null,
    lang: clean(document.documentElement?.getAttribute('lang') ?? '') || meta('content-language'),
    detectedLanguage: detected?.language ?? null,
    languageConfidence: detected?.confidence ?? null,
    author: meta('author', 'article:author', 'dc.creator', 'parsely-author') ?? jsonLdName(ld?.author),
    publishedAt: isoDate(
      meta('article:published_time', 'datepublished', 'date', 'dc.date', 'dc.date.issued', 'pubdate', 'publish-date') ??
        ldString('datePublished') ??
        document.querySelector('time[datetime]')?.getAttribute('datetime') ??
        null,
    ),
    siteName: meta('og:site_name', 'application-name') ?? jsonLdName(ld?.publisher),
    license: pageLicense(document, baseUrl, ld),
  };
}

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The first non-empty `content` of a `<meta>` named (name, property or itemprop) by one of the keys, in key order. */
function metaContent(document: LightDocument, keys: string[]): string | null {
  const found = new Map<string, string>();
  for (const element of Array.from(document.querySelectorAll('meta[content]'))) {
    const key = (element.getAttribute('property') ?? element.getAttribute('name') ?? element.getAttribute('itemprop') ?? element.getAttribute('http-equiv') ?? '').toLowerCase();
    const content = clean(element.getAttribute('content') ?? '');
    if (key !== '' && content !== '' && !found.has(key)) found.set(key, content);
  }
  for (const key of keys) {
    const value = found.get(key);
    // An article:author that is a profile URL names no one.
    if (value !== undefined && !(key === 'article:author' && /^https?:/i.test(value))) return value;
  }
  return null;
}

/** A stated date as ISO 8601 UTC; null when it does not parse or is implausible. */
function isoDate(value: string | null): string | null {
  if (value === null) return null;
  const time = Date.parse(value.trim());
  if (Number.isNaN(time)) return null;
  const year = new Date(time).getUTCFullYear();
  return year >= 1990 && year <= 2100 ? new Date(time).toISOString() : null;
}
