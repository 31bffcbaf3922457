import { extractMainContent } from '../main-content/extract-main-content';
import { parseLightDom } from '../main-content/light-dom';
import { documentBaseUrl } from './absolute-urls';
import { htmlToMarkdown } from './html-to-markdown';

export type TextMode = 'main' | 'full';

/**
 * A page as Markdown: its main content (`main`), or everything in its body (`full`, the Markdown
 * counterpart of the full-text mode). Links and images absolute against `<base href>` or the page URL.
 */
export function pageMarkdown(html: string, pageUrl: string, mode: TextMode): string {
  if (mode === 'main') return extractMainContent(html, pageUrl, { format: 'markdown' }).markdown ?? '';
  const document = parseLightDom(html);
  return htmlToMarkdown(document.body?.innerHTML ?? '', documentBaseUrl(document, pageUrl));
}
