import { documentBaseUrl } from '../markdown/absolute-urls';
import { htmlToMarkdown } from '../markdown/html-to-markdown';
import { blockText } from './block-text';
import { removeBoilerplate } from './boilerplate';
import { parseLightDom } from './light-dom';
import type { LightElement } from './light-dom';
import { keepParagraphs } from './paragraph-fallback';
import { readabilityPass, wrapFragment } from './readability-pass';
import { textBlocks } from './text-blocks';

export interface MainContent {
  /** The article's title (Readability's pick among `<title>`, Open Graph and headings), null when none. */
  title: string | null;
  /** The main content as plain text: one line per block, a blank line between paragraphs. */
  text: string;
  /** The same content as Markdown, when asked for. */
  markdown?: string;
  /** Which path produced it: Readability's article, or the paragraph classifier when that was too short. */
  method: 'readability' | 'paragraphs' | 'none';
}

export interface MainContentOptions {
  format?: 'text' | 'markdown';
}

// Readability's article gives way to the paragraph classifier's text when it holds less than this
// share of it (it picked a teaser, one comment, or nothing). Measured on the corpora.
const FALLBACK_RATIO = 0.5;

/**
 * The main content of a page: its title and article body with headings, lists, tables and figure
 * captions, without navigation, footers, banners, share bars, comments or related links.
 * Pure: the page's HTML in, text (and optionally Markdown) out; `pageUrl` resolves relative links.
 */
export function extractMainContent(html: string, pageUrl: string, options: MainContentOptions = {}): MainContent {
  const article = readabilityPass(html);
  let articleText = '';
  if (article !== null) {
    removeBoilerplate(article.content);
    articleText = blockText(article.content);
  }
  const fallback = paragraphContent(html, pageUrl);
  const title = article?.title ?? fallback.title;
  const useArticle = article !== null && articleText !== '' && articleText.length >= FALLBACK_RATIO * fallback.text.length;
  const chosen = useArticle || fallback.text === '' ? { text: articleText, html: article?.content.innerHTML ?? '' } : fallback;
  const method = chosen.text === '' ? 'none' : chosen === fallback ? 'paragraphs' : 'readability';
  const result: MainContent = { title, text: chosen.text, method };
  if (options.format === 'markdown') result.markdown = htmlToMarkdown(chosen.html, fallback.baseUrl);
  return result;
}

interface ParagraphContent {
  title: string | null;
  text: string;
  html: string;
  baseUrl: string;
}

/** The page's text blocks that the paragraph classifier keeps, as text and as HTML of their elements. */
function paragraphContent(html: string, pageUrl: string): ParagraphContent {
  const document = parseLightDom(html);
  const title = (document.title ?? '').replace(/\s+/g, ' ').trim() || null;
  const baseUrl = documentBaseUrl(document, pageUrl);
  if (document.body === null) return { title, text: '', html: '', baseUrl };
  removeBoilerplate(document);
  const parts: string[] = [];
  const used = new Set<LightElement>();
  for (const block of keepParagraphs(textBlocks(document.body))) {
    if (used.has(block.container)) continue;
    // Keep the element itself (its links and emphasis) when the block is all of its text.
    if ((block.container.textContent ?? '').replace(/\s+/g, ' ').trim() === block.text) {
      used.add(block.container);
      parts.push(block.container.outerHTML);
    } else parts.push(`<p>${escapeHtml(block.text)}</p>`);
  }
  const body = wrapFragment(parts.join('\n'));
  return { title, text: blockText(body), html: body.innerHTML, baseUrl };
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
