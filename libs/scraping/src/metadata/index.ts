export { extractPageMetadata } from './extract-page-metadata';
export { pageMetadataSchema } from './page-metadata.schema';
export type { PageMetadata } from './page-metadata.schema';
export { detectLanguage, loadLanguageDetector } from './detect-language';
export type { DetectedLanguage } from './detect-language';
