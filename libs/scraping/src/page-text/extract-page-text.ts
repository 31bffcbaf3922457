import type { Document } from 'domhandler';
import { extractTextFrom } from '../extract/extract-text';
import { parseHtmlDocument } from '../extract/parse-document';
import { loadMainContent } from '../main-content/load-main-content';
import { EXTRACTOR_VERSION } from '../main-content/version';
import type * as PageMarkdown from '../markdown/page-markdown';
import { extractPageMetadata } from '../metadata/extract-page-metadata';
import type { PageMetadata } from '../metadata/page-metadata.schema';

/** The version of the full-text extractor (`extractText`), recorded like the main-content one. */
export const FULL_TEXT_EXTRACTOR_VERSION = 'full-1.0.0';

export interface TextOptions {
  mode: 'full' | 'main';
  format: 'text' | 'markdown';
}

export interface PageText {
  title: string | null;
  text: string;
  /** Null unless the format is markdown. */
  markdown: string | null;
  metadata: PageMetadata;
  extraction: TextOptions & { extractor: string };
}

/**
 * The Markdown writer brings turndown and its DOM (like the main-content extractor, see loadMainContent):
 * loaded by the first page that asks for it, not by every thread of a crawl in the default full-text mode.
 */
let markdownWriter: typeof PageMarkdown | undefined;
const loadMarkdownWriter = (): typeof PageMarkdown => (markdownWriter ??= require('../markdown/page-markdown') as typeof PageMarkdown);

/**
 * A page's text as the task asked for it: everything a reader sees (`full`) or the main content
 * (`main`), as plain text and, for `markdown`, as Markdown too; plus the page's metadata, with the
 * language detected in that text. `document` is the page already parsed by `parseHtmlDocument` (the fetcher has
 * it from image discovery); without it the page is parsed here. The same function serves a fetch
 * and a re-extraction from stored HTML, so both cut the text alike.
 */
export function extractPageText(html: string, pageUrl: string, options: TextOptions, document?: Document): PageText {
  let title: string | null;
  let text: string;
  let markdown: string | null = null;
  if (options.mode === 'main') {
    const main = loadMainContent().extractMainContent(html, pageUrl, { format: options.format });
    ({ title, text } = main);
    markdown = options.format === 'markdown' ? (main.markdown ?? '') : null;
  } else {
    ({ title, text } = extractTextFrom(document ?? parseHtmlDocument(html)));
    if (options.format === 'markdown') markdown = loadMarkdownWriter().pageMarkdown(html, pageUrl, 'full');
  }
  const metadata = extractPageMetadata(html, pageUrl, { text, document });
  const extractor = options.mode === 'main' ? EXTRACTOR_VERSION : FULL_TEXT_EXTRACTOR_VERSION;
  return { title, text, markdown, metadata, extraction: { ...options, extractor } };
}
