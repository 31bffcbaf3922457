import type { Document } from 'domhandler';
import { parseHtmlDocument } from '../extract/parse-document';
import { resolveUrl } from '../markdown/absolute-urls';
import { loadMainContent } from '../main-content/load-main-content';
import { detectLanguage } from './detect-language';
import { jsonLdName, jsonLdNodes, mainJsonLdNode } from './json-ld';
import { pageLicense } from './license';
import { metadataSourceOf, type MetadataSource } from './metadata-source';
import type { PageMetadata } from './page-metadata.schema';

/**
 * The page's metadata from `<meta>`, Open Graph and JSON-LD, and the language of its main text.
 * Pass `text` when the main content is already extracted, to spare a second extraction, and
 * `document` when the page is already parsed (by `parseHtmlDocument`), to spare a
 * second parse: everything is read in one walk of it ({@link metadataSourceOf}).
 */
export function extractPageMetadata(html: string, pageUrl: string, options: { text?: string; document?: Document } = {}): PageMetadata {
  const source = metadataSourceOf(options.document ?? parseHtmlDocument(html));
  const baseUrl = baseUrlOf(source, pageUrl);
  const meta = metaLookup(source);
  const ld = mainJsonLdNode(jsonLdNodes(source.jsonLd));
  const ldString = (key: string) => (typeof ld?.[key] === 'string' ? clean(ld[key] as string) : null);
  // Without the text, the main content's (its extractor loads then; the parsing threads always pass the text).
  const detected = detectLanguage(options.text ?? loadMainContent().extractMainContent(html, pageUrl).text);
  const canonical = source.canonicalHref ?? meta('og:url');
  return {
    title: meta('og:title', 'twitter:title') ?? ldString('headline') ?? (clean(source.title) || null),
    description: meta('description', 'og:description', 'twitter:description') ?? ldString('description'),
    canonicalUrl: canonical ? resolveUrl(canonical, baseUrl) : null,
    lang: clean(source.lang ?? '') || meta('content-language'),
    detectedLanguage: detected?.language ?? null,
    languageConfidence: detected?.confidence ?? null,
    author: meta('author', 'article:author', 'dc.creator', 'parsely-author') ?? jsonLdName(ld?.author),
    publishedAt: isoDate(
      meta('article:published_time', 'datepublished', 'date', 'dc.date', 'dc.date.issued', 'pubdate', 'publish-date') ??
        ldString('datePublished') ??
        source.timeDatetime,
    ),
    siteName: meta('og:site_name', 'application-name') ?? jsonLdName(ld?.publisher),
    license: pageLicense(source.links, baseUrl, ld),
  };
}

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The URL that relative links resolve against: the first `<base href>`, else the page's own. */
function baseUrlOf(source: MetadataSource, pageUrl: string): string {
  return (source.baseHref ? resolveUrl(source.baseHref, pageUrl) : null) ?? pageUrl;
}

/**
 * A lookup of the first non-empty `content` of a `<meta>` named (property, name, itemprop or
 * http-equiv) by one of the keys, in key order.
 */
function metaLookup(source: MetadataSource): (...keys: string[]) => string | null {
  const found = new Map<string, string>();
  for (const { key, content } of source.metas) {
    const cleaned = clean(content);
    if (key !== '' && cleaned !== '' && !found.has(key)) found.set(key, cleaned);
  }
  return (...keys) => {
    for (const key of keys) {
      const value = found.get(key);
      // An article:author that is a profile URL names no one.
      if (value !== undefined && !(key === 'article:author' && /^https?:/i.test(value))) return value;
    }
    return null;
  };
}

/** A stated date as ISO 8601 UTC; null when it does not parse or is implausible. */
function isoDate(value: string | null): string | null {
  if (value === null) return null;
  const time = Date.parse(value.trim());
  if (Number.isNaN(time)) return null;
  const year = new Date(time).getUTCFullYear();
  return year >= 1990 && year <= 2100 ? new Date(time).toISOString() : null;
}
