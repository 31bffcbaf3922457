import { htmlToMarkdown } from '../markdown/html-to-markdown';
import { blockText } from './block-text';
import { chooseSource, shareFoundIn } from './choose-source';
import { removeBoilerplate } from './boilerplate';
import { removeBoilerplateText } from './boilerplate-text';
import { blocksHtml, pageBlocks } from './page-blocks';
import { readabilityPass } from './readability-pass';
import { textBlocks } from './text-blocks';
import type { TextBlock } from './text-blocks';
import { widenArticle } from './widen-article';

export interface MainContent {
  /** The article's title (Readability's pick among `<title>`, Open Graph and headings), null when none. */
  title: string | null;
  /** The main content as plain text: one line per block, a blank line between paragraphs. */
  text: string;
  /** The same content as Markdown, when asked for. */
  markdown?: string;
  /**
   * Which path produced it: Readability's article as is, that article widened by the paragraph
   * classifier (a lead or a dropped paragraph added), the container that the page's markup names as
   * its body (when Readability picked boilerplate or nothing), or the classifier alone when
   * Readability found too little.
   */
  method: 'readability' | 'widened' | 'container' | 'paragraphs' | 'none';
}

export interface MainContentOptions {
  format?: 'text' | 'markdown';
}

/**
 * The main content of a page: its title and article body with headings, lists, tables and figure
 * captions, without navigation, footers, banners, share bars, comments or related links.
 * Pure: the page's HTML in, text (and optionally Markdown) out; `pageUrl` (or the page's
 * `<base href>`) resolves relative links. Parses the page twice (Readability mutates its DOM);
 * which of the candidate texts wins is {@link chooseSource}'s decision.
 */
export function extractMainContent(html: string, pageUrl: string, options: MainContentOptions = {}): MainContent {
  const article = readabilityPass(html);
  let articleText = '';
  if (article !== null) {
    removeBoilerplate(article.content);
    removeBoilerplateText(article.content);
    articleText = blockText(article.content);
  }
  const page = pageBlocks(html, pageUrl);
  const title = article?.title ?? page.title;
  const fallback = page.blocks.filter((_, i) => page.good[i]);
  const fallbackText = joinBlocks(fallback);
  const markdown = (html: string) => (options.format === 'markdown' ? { markdown: htmlToMarkdown(html, page.baseUrl) } : {});

  const container = page.blocks.filter((_, i) => page.inContainer[i]);
  const containerText = joinBlocks(container);
  const articleBlocks = article === null ? [] : textBlocks(article.content);
  const source = chooseSource({
    articleChars: articleText.length,
    articleOnPage: shareFoundIn(articleBlocks, page.blocks),
    articleInContainer: shareFoundIn(articleBlocks, container),
    containerChars: containerText.length,
    paragraphChars: fallbackText.length,
  });
  if (source === 'container') return { title, text: containerText, method: 'container', ...markdown(blocksHtml(container)) };
  if (source === 'paragraphs') return { title, text: fallbackText, method: 'paragraphs', ...markdown(blocksHtml(fallback)) };
  if (source === 'none' || article === null) return { title, text: '', method: 'none', ...markdown('') };
  const widened = widenArticle(page.blocks, page.goodAlone, articleBlocks);
  if (widened !== null && widened.added > 0) {
    return { title, text: joinBlocks(widened.blocks), method: 'widened', ...markdown(blocksHtml(widened.blocks)) };
  }
  return { title, text: articleText, method: 'readability', ...markdown(article.content.innerHTML) };
}

const joinBlocks = (blocks: TextBlock[]) => blocks.map((block) => block.text).join('\n\n');
