export { TextReExtractor } from './re-extract-text';
export type { ExtractionResult } from './re-extract-text';
