import TurndownService from 'turndown';
import { wrapFragment } from '../main-content/readability-pass';
import { absolutizeLinks } from './absolute-urls';
import { addPipeTables } from './gfm-tables';

const NEVER_RENDERED = ['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'head', 'title', 'meta', 'link', 'form', 'button', 'select', 'input', 'textarea'] as const;

function markdownService(): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '_',
    strongDelimiter: '**',
    linkStyle: 'inlined',
  });
  service.remove([...NEVER_RENDERED]);
  addPipeTables(service);
  // An image is its alt text and its (absolute) source; one without alt text still says it is an image.
  service.addRule('image', {
    filter: 'img',
    replacement: (_content, node) => {
      const element = node as unknown as { getAttribute(name: string): string | null };
      const src = element.getAttribute('src');
      if (!src) return '';
      const alt = (element.getAttribute('alt') ?? '').replace(/\s+/g, ' ').replace(/[[\]]/g, '\\$&').trim();
      return `![${alt}](${src.replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
    },
  });
  return service;
}

const service = markdownService();

/**
 * Markdown of an HTML fragment or page body: ATX headings, paragraphs, `-` lists, GFM pipe tables,
 * `_emphasis_` and `**strong**`, inline links and images with alt text, every URL absolute against
 * `baseUrl`. Nothing of scripts, styles, forms or embedded objects.
 */
export function htmlToMarkdown(html: string, baseUrl: string): string {
  const body = wrapFragment(html);
  for (const tag of NEVER_RENDERED) for (const element of Array.from(body.querySelectorAll(tag))) element.remove();
  absolutizeLinks(body, baseUrl);
  return service
    .turndown(body.innerHTML)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
