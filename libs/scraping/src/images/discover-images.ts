import type { Document } from 'domhandler';
import { parseHtmlDocument } from '../extract/parse-document';
import { walkDom } from '../extract/walk-dom';
import { ImageContextCollector, type ImageTextContext } from './image-context';
import { imageReferencesOf } from './image-references';
import type { ImageReference } from './image-references';
import { documentBaseUrl, resolveImageUrl } from './resolve-image-url';

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/** An image a page references. */
export interface DiscoveredImage {
  /** Absolute http(s) URL without fragment, or a `data:` URI exactly as written. */
  url: string;
  /**
   * Where it was found: `img-src`, `srcset`, `picture-source`, `data-src`, `data-srcset`,
   * `data-original`, `data-lazy-src`, `data-lazy-srcset`, `style-attr`, `style-block`,
   * `og-image`, `twitter-image`, `icon`, `preload`, `video-poster`, `input-image`, `svg-image`,
   * `background-attr`.
   */
  via: string;
  /**
   * What the page says about the image (alt, title, figure caption, nearest heading, text around it,
   * declared size), for image–text pairs. Only for images of visible elements (`img`, `picture`,
   * lazy-loading attributes, `input`, `video` posters, SVG `image`), and only when there is something.
   */
  context?: ImageTextContext;
}

/**
 * Every image an HTML document references, each distinct URL once (the first occurrence wins,
 * fragments ignored), in document order. Relative URLs resolve against the first `<base href>`
 * or else `pageUrl`, which must be the page's final URL after redirects.
 *
 * The page is read as a browser without JavaScript would: `<noscript>` fallbacks count (lazy
 * loaders put the real `<img>` there), inert `<template>` content does not. Stylesheets linked
 * from the page are not fetched, so only inline CSS contributes.
 */
export function discoverImages(html: string, pageUrl: string): DiscoveredImage[] {
  return discoverImagesIn(parseHtmlDocument(html), pageUrl);
}

/** {@link discoverImages} on a document already parsed (one parse serves text and image discovery). */
export function discoverImagesIn(document: Document, pageUrl: string): DiscoveredImage[] {
  const refs: Array<ImageReference & { context?: ImageTextContext }> = [];
  const contexts = new ImageContextCollector();
  let baseHref: string | undefined;
  walkDom(document, {
    enter(element) {
      if (element.name === 'template') return false;
      if (element.name === 'base' && baseHref === undefined && element.namespace === HTML_NAMESPACE) {
        baseHref = element.attribs.href; // only the first <base> with an href counts
      }
      contexts.enter(element);
      for (const ref of imageReferencesOf(element)) refs.push({ ...ref, context: contexts.contextFor(element, ref.via) });
      return true;
    },
    exit: (element) => contexts.exit(element),
    text: (node) => contexts.text(node),
  });
  contexts.finish();

  // The base URL applies to the whole document, also to references before the <base> element.
  const base = documentBaseUrl(pageUrl, baseHref);
  const seen = new Set<string>();
  const images: DiscoveredImage[] = [];
  for (const ref of refs) {
    const resolved = resolveImageUrl(ref.raw, base);
    if (resolved === null || seen.has(resolved.key)) continue;
    seen.add(resolved.key);
    const context = ref.context && Object.keys(ref.context).length > 0 ? ref.context : undefined;
    images.push(context ? { url: resolved.url, via: ref.via, context } : { url: resolved.url, via: ref.via });
  }
  return images;
}
