export { extractText, extractTextFrom } from './extract-text';
export { parseHtmlDocument } from './parse-document';
export type { ExtractedText } from './extract-text';
