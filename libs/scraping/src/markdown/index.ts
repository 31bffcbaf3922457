export { htmlToMarkdown } from './html-to-markdown';
export { pageMarkdown } from './page-markdown';
export type { TextMode } from './page-markdown';
export { documentBaseUrl, resolveUrl } from './absolute-urls';
