import { decodeHtml, discoverImagesIn, documentOptOuts, extractPageText, parseHtmlDocument } from '@trawl/scraping';
import type { ParsedPage, ParsePageInput } from './parsed-page';
import { serveWorkerTasks } from '@trawl/workers';

/**
 * Worker thread entry: decodes an HTML page, extracts its text and metadata and discovers its images
 * (when the task collects them) from one parse (`parseHtmlDocument`: htmlparser2, `<noscript>` content
 * as elements, where lazy loaders put the real `<img>`). The main-content mode
 * and Markdown parse the page again (linkedom, for Readability and turndown).
 */
serveWorkerTasks<ParsePageInput, ParsedPage>(({ body, contentType, url, optOuts, text, images }) => {
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
