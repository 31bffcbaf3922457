export { extractText } from './extract-text';
export type { ExtractedText } from './extract-text';
