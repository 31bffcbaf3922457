import type * as MainContent from './extract-main-content';

/**
 * The main-content extractor, required on first use: it brings linkedom, Readability and their
 * dependencies (some hundreds of modules, ~0.4 s of CPU when a parsing thread starts), which the default
 * full-text mode never needs.
 */
let mainContent: typeof MainContent | undefined;

export function loadMainContent(): typeof MainContent {
  mainContent ??= require('./extract-main-content') as typeof MainContent;
  return mainContent;
}
