import { decodeHtml, discoverImagesIn, documentOptOuts, extractTextFrom, parseHtmlDocument } from '@trawl/scraping';
import type { ParsedPage, ParsePageInput } from './parsed-page';
import { serveWorkerTasks } from './worker-tasks';

/**
 * Worker thread entry: decodes an HTML page, extracts its text and discovers its images from one parse.
 * The page is parsed as a browser without JavaScript reads it (`<noscript>` content as elements, where
 * lazy loaders put the real `<img>`); the text extractor skips `<noscript>` whichever way it was parsed,
 * so the text is the same as with scripting on (checked on the whole corpus).
 */
serveWorkerTasks<ParsePageInput, ParsedPage>(({ body, contentType, url, optOuts }) => {
  const { html, charset } = decodeHtml(body, contentType);
  const document = parseHtmlDocument(html, { scripting: false });
  const { title, text } = extractTextFrom(document);
  const parsed: ParsedPage = { charset, title, text, images: discoverImagesIn(document, url) };
  if (optOuts) {
    const meta = documentOptOuts(document, optOuts);
    parsed.optOuts = [...meta.robots, ...(meta.tdmReservation && meta.tdmReservation !== 'unset' ? [meta.tdmReservation] : [])];
  }
  return parsed;
});
