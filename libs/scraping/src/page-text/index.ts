export { FULL_TEXT_EXTRACTOR_VERSION, extractPageText } from './extract-page-text';
export type { PageText, TextOptions } from './extract-page-text';
