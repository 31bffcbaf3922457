import { Readability } from '@mozilla/readability';
import { removeBanners } from './boilerplate';
import { parseLightDom } from './light-dom';
import type { LightElement } from './light-dom';

export interface ReadabilityResult {
  title: string | null;
  byline: string | null;
  /** The article as Readability cut it, in a DOM of its own (classes kept, for the boilerplate rules). */
  content: LightElement;
}

/** Mozilla Readability on a linkedom DOM of the page; null when it finds no article. */
export function readabilityPass(html: string): ReadabilityResult | null {
  const document = parseLightDom(html);
  removeBanners(document);
  // Ruby annotations (furigana) would repeat each annotated word in the article and its Markdown.
  for (const annotation of Array.from(document.querySelectorAll('rt, rp'))) annotation.remove();
  // Readability's types name the browser's Document, which this project compiles without.
  const article = new Readability(document as never, { keepClasses: true }).parse();
  if (article === null || !article.content) return null;
  const body = wrapFragment(article.content);
  return { title: article.title || null, byline: article.byline || null, content: body };
}

/** A fragment of HTML as the body of a document (linkedom builds no body for a bare fragment). */
export function wrapFragment(fragment: string): LightElement {
  const body = parseLightDom(`<!DOCTYPE html><html><head></head><body>${fragment}</body></html>`).body;
  if (body === null) throw new Error('linkedom built no body');
  return body;
}
