import { decodeHtml, discoverImages, extractText } from '@trawl/scraping';
import type { ParsedPage, ParsePageInput } from './parsed-page';
import { serveWorkerTasks } from './worker-tasks';

/** Worker thread entry: decodes an HTML page, extracts its text and discovers its images. */
serveWorkerTasks<ParsePageInput, ParsedPage>(({ body, contentType, url }) => {
  const { html, charset } = decodeHtml(body, contentType);
  const { title, text } = extractText(html);
  return { charset, title, text, images: discoverImages(html, url) };
});
