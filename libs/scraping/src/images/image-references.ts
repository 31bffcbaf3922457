import type { Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import { cssImageUrls } from './css-urls';
import { srcsetUrls } from './srcset';

/** A URL as written in the document (not yet resolved), and the hiding place it was found in. */
export interface ImageReference {
  raw: string;
  via: string;
}

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
/** Lazy-loading scripts keep the real URL in these until the image scrolls into view. */
const LAZY_URL_ATTRIBUTES = ['data-src', 'data-original', 'data-lazy-src'];
const LAZY_SRCSET_ATTRIBUTES = ['data-srcset', 'data-lazy-srcset'];
const OPEN_GRAPH_IMAGE = new Set(['og:image', 'og:image:url', 'og:image:secure_url']);
const TWITTER_IMAGE = new Set(['twitter:image', 'twitter:image:src']);
const ICON_RELS = ['icon', 'apple-touch-icon', 'apple-touch-icon-precomposed', 'mask-icon'];
/** Elements whose legacy `background` attribute names an image. */
const BACKGROUND_ATTRIBUTE_HOLDERS = new Set(['body', 'table', 'td', 'th']);

/**
 * The image references one element carries, in a fixed order per element. Only the element's
 * own attributes (and a `<style>` element's text): the document walk visits children separately.
 */
export function imageReferencesOf(element: Element): ImageReference[] {
  const refs: ImageReference[] = [];
  const attrs = element.attribs;
  switch (element.name) {
    case 'img':
      pushUrl(refs, attrs.src, 'img-src');
      pushSrcset(refs, attrs.srcset, 'srcset');
      pushLazy(refs, element);
      break;
    case 'source':
      // A <source> in <video> or <audio> is media, not an image.
      if (element.parent !== null && isTag(element.parent) && element.parent.name === 'picture') {
        pushSrcset(refs, attrs.srcset, 'picture-source');
        pushLazy(refs, element);
      }
      break;
    case 'input':
      if (attrs.type?.trim().toLowerCase() === 'image') pushUrl(refs, attrs.src, 'input-image');
      break;
    case 'video':
      pushUrl(refs, attrs.poster, 'video-poster');
      break;
    case 'image':
      // parseHtmlDocument turns an HTML <image> into <img>, so this is SVG's; its `xlink:href` arrives as `href`.
      if (element.namespace === SVG_NAMESPACE) pushUrl(refs, attrs.href, 'svg-image');
      break;
    case 'meta':
      pushMeta(refs, element);
      break;
    case 'link':
      pushLink(refs, element);
      break;
    case 'style':
      for (const url of cssImageUrls(textOf(element), 'stylesheet')) pushUrl(refs, url, 'style-block');
      break;
  }
  if (BACKGROUND_ATTRIBUTE_HOLDERS.has(element.name)) pushUrl(refs, attrs.background, 'background-attr');
  if (attrs.style !== undefined) {
    for (const url of cssImageUrls(attrs.style, 'declarations')) pushUrl(refs, url, 'style-attr');
  }
  return refs;
}

function pushUrl(refs: ImageReference[], raw: string | undefined, via: string): void {
  if (raw !== undefined) refs.push({ raw, via });
}

function pushSrcset(refs: ImageReference[], value: string | undefined, via: string): void {
  if (value !== undefined) for (const url of srcsetUrls(value)) refs.push({ raw: url, via });
}

function pushLazy(refs: ImageReference[], element: Element): void {
  for (const name of LAZY_URL_ATTRIBUTES) pushUrl(refs, element.attribs[name], name);
  for (const name of LAZY_SRCSET_ATTRIBUTES) pushSrcset(refs, element.attribs[name], name);
}

function pushMeta(refs: ImageReference[], element: Element): void {
  // Sites write Open Graph tags with `name` as often as with `property`.
  const key = (element.attribs.property ?? element.attribs.name)?.trim().toLowerCase();
  if (key === undefined) return;
  if (OPEN_GRAPH_IMAGE.has(key)) pushUrl(refs, element.attribs.content, 'og-image');
  else if (TWITTER_IMAGE.has(key)) pushUrl(refs, element.attribs.content, 'twitter-image');
}

function pushLink(refs: ImageReference[], element: Element): void {
  const rels = (element.attribs.rel ?? '').toLowerCase().split(/[ \t\n\f\r]+/);
  if (rels.some((rel) => ICON_RELS.includes(rel))) {
    pushUrl(refs, element.attribs.href, 'icon');
  } else if (rels.includes('preload') && element.attribs.as?.trim().toLowerCase() === 'image') {
    pushUrl(refs, element.attribs.href, 'preload');
    pushSrcset(refs, element.attribs.imagesrcset, 'preload');
  }
}

function textOf(element: Element): string {
  return element.children.map((child) => (isText(child) ? child.data : '')).join('');
}
