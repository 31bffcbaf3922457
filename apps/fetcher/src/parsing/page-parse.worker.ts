import { decodeHtml, discoverImagesIn, documentOptOuts, extractPageText, parseHtmlDocument } from '@trawl/scraping';
import type { ParsedPage, ParsePageInput } from './parsed-page';
import { serveWorkerTasks } from '@trawl/workers';

/**
 * Worker thread entry: decodes an HTML page, extracts its text and discovers its images from one parse.
 * The page is parsed as a browser without JavaScript reads it (`<noscript>` content as elements, where
 * lazy loaders put the real `<img>`); the text extractor skips `<noscript>` whichever way it was parsed,
 * so the text is the same as with scripting on (checked on the whole corpus). The main-content mode
 * and Markdown parse the page again (linkedom, for Readability and turndown).
 */
serveWorkerTasks<ParsePageInput, ParsedPage>(({ body, contentType, url, optOuts, text }) => {
  const { html, charset } = decodeHtml(body, contentType);
  const document = parseHtmlDocument(html, { scripting: false });
  const pageText = extractPageText(html, url, text ?? { mode: 'full', format: 'text' }, document);
  const parsed: ParsedPage = { charset, ...pageText, images: discoverImagesIn(document, url) };
  if (optOuts) {
    const meta = documentOptOuts(document, optOuts);
    parsed.optOuts = [...meta.robots, ...(meta.tdmReservation && meta.tdmReservation !== 'unset' ? [meta.tdmReservation] : [])];
  }
  return parsed;
});
