export { extractMainContent } from './extract-main-content';
export type { MainContent, MainContentOptions } from './extract-main-content';
export { EXTRACTOR_VERSION } from './version';
