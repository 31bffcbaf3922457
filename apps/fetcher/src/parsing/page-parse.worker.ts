// By path, not @trawl/scraping's index: the index loads every part of the library (sharp, got-scraping's
// HTTP stack, cheerio with undici, zod, linkedom; some 840 modules, ~0.8 s of CPU when a thread starts),
// where a parse needs the HTML parser, the extractors and the language detector.
import { decodeHtml } from '../../../../libs/scraping/src/charset/decode-html';
import { parseHtmlDocument } from '../../../../libs/scraping/src/extract/parse-document';
import { discoverImagesIn } from '../../../../libs/scraping/src/images/discover-images';
import { loadLanguageDetector } from '../../../../libs/scraping/src/metadata/detect-language';
import { documentOptOuts } from '../../../../libs/scraping/src/opt-outs/document-opt-outs';
import { extractPageText } from '../../../../libs/scraping/src/page-text/extract-page-text';
import type { ParsedPage, ParsePageInput } from './parsed-page';
import { serveWorkerTasks } from '@trawl/workers';

/**
 * Worker thread entry: decodes an HTML page, extracts its text and metadata and discovers its images
 * (when the task collects them) from one parse (`parseHtmlDocument`: htmlparser2, `<noscript>` content
 * as elements, where lazy loaders put the real `<img>`). The main-content mode
 * and Markdown parse the page again (linkedom, for Readability and turndown).
 *
 * The language detector loads on the thread's first page (~0.1 s, then the same settled promise), not
 * before the thread says ready: a thread that the fetcher warms up at its start and that never gets a
 * page never holds it (see `PageParser.warmUp`).
 */
serveWorkerTasks<ParsePageInput, ParsedPage>(async ({ body, contentType, url, optOuts, text, images }) => {
  await loadLanguageDetector();
  const { html, charset } = decodeHtml(body, contentType);
  const document = parseHtmlDocument(html);
  const pageText = extractPageText(html, url, text ?? { mode: 'full', format: 'text' }, document);
  const parsed: ParsedPage = { charset, ...pageText, images: images === false ? [] : discoverImagesIn(document, url) };
  if (optOuts) {
    const meta = documentOptOuts(document, optOuts);
    parsed.optOuts = [...meta.robots, ...(meta.tdmReservation && meta.tdmReservation !== 'unset' ? [meta.tdmReservation] : [])];
  }
  return parsed;
});
