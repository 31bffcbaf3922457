export { decodeHtml, charsetOfContentType } from './decode-html';
export type { DecodedHtml } from './decode-html';
