/**
 * The version of the main-content extractor, recorded with every text it produces so that a corpus
 * can be re-cut when it changes. Bump it whenever a change alters any output (the corpus tests show
 * when one does).
 */
export const EXTRACTOR_VERSION = 'main-1.1.0';
