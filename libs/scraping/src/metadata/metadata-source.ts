import type { Document, Element, Text } from 'domhandler';
import { walkDom } from '../extract/walk-dom';

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/** A link of the page that may state a license: `<a>`, `<link>` or `<area>` with an href. */
export interface SourceLink {
  tag: string;
  rel: string;
  href: string;
}

/**
 * Everything page metadata is read from, gathered in one walk of the parsed page: the elements
 * `extractPageMetadata` would otherwise query one selector at a time. Only the first of each
 * single-valued element counts, as `querySelector` would answer.
 */
export interface MetadataSource {
  /** The first HTML `<title>`'s text (an SVG `<title>` is a tooltip, not the page's). */
  title: string;
  /** `lang` of the root `<html>` element. */
  lang: string | null;
  baseHref: string | null;
  canonicalHref: string | null;
  /** `<meta>` elements with a content, in document order: name, property, itemprop or http-equiv, lower-cased. */
  metas: Array<{ key: string; content: string }>;
  /** Text of each `<script type="application/ld+json">`. */
  jsonLd: string[];
  links: SourceLink[];
  /** The first `<time datetime>`'s datetime. */
  timeDatetime: string | null;
}

/** One walk of the parsed page (the document the fetcher already has for text and images). */
export function metadataSourceOf(document: Document): MetadataSource {
  const source: MetadataSource = { title: '', lang: null, baseHref: null, canonicalHref: null, metas: [], jsonLd: [], links: [], timeDatetime: null };
  let titleSeen = false;
  let rootSeen = false;
  walkDom(document, {
    enter(element) {
      if (element.namespace !== undefined && element.namespace !== HTML_NAMESPACE) return true;
      const attribs = element.attribs;
      switch (element.name) {
        case 'html':
          if (!rootSeen) source.lang = attribs.lang ?? null;
          rootSeen = true;
          break;
        case 'title':
          if (!titleSeen) source.title = textOf(element);
          titleSeen = true;
          return false;
        case 'base':
          if (source.baseHref === null && attribs.href !== undefined) source.baseHref = attribs.href;
          break;
        case 'meta': {
          if (attribs.content === undefined) break;
          const key = attribs.property ?? attribs.name ?? attribs.itemprop ?? attribs['http-equiv'] ?? '';
          source.metas.push({ key: key.toLowerCase(), content: attribs.content });
          break;
        }
        case 'script':
          if (attribs.type === 'application/ld+json') source.jsonLd.push(textOf(element));
          return false;
        case 'time':
          if (source.timeDatetime === null && attribs.datetime !== undefined) source.timeDatetime = attribs.datetime;
          break;
        case 'link':
          if (attribs.href !== undefined && source.canonicalHref === null && relTokens(attribs.rel).includes('canonical')) source.canonicalHref = attribs.href;
          break;
      }
      if ((element.name === 'a' || element.name === 'link' || element.name === 'area') && attribs.href !== undefined) {
        source.links.push({ tag: element.name, rel: attribs.rel ?? '', href: attribs.href });
      }
      return true;
    },
  });
  return source;
}

export const relTokens = (rel: string | undefined): string[] => (rel ?? '').toLowerCase().split(/\s+/).filter(Boolean);

function textOf(element: Element): string {
  let text = '';
  walkDom(element, { text: (node: Text) => void (text += node.data) });
  return text;
}
