// By path, not @trawl/scraping's index, which loads every part of the library (see page-parse.worker.ts).
import { decodeHtml } from '../../../scraping/src/charset/decode-html';
import { loadLanguageDetector } from '../../../scraping/src/metadata/detect-language';
import { extractPageText, type PageText, type TextOptions } from '../../../scraping/src/page-text/extract-page-text';
import { serveWorkerTasks } from '@trawl/workers';

export interface ExtractTextInput {
  body: Uint8Array;
  contentType: string | undefined;
  url: string;
  text: TextOptions;
}

/**
 * Worker thread entry: the text of a stored page, cut as asked (the same function as a fetch uses). The
 * language detector loads on the first page, once per thread.
 */
serveWorkerTasks<ExtractTextInput, PageText>(async ({ body, contentType, url, text }) => {
  await loadLanguageDetector();
  const { html } = decodeHtml(body, contentType);
  return extractPageText(html, url, text);
});
