import { z } from 'zod';

/** How the page's text is cut (issue 13): `{"mode": "full"|"main", "format": "text"|"markdown"}`. */
export const textOptionsField = z
  .object({
    mode: z
      .enum(['full', 'main'])
      .default('full')
      .describe('full: everything a reader sees (the default); main: the main content only (article body, headings, lists, tables, captions; no navigation, footers, banners, comments)'),
    format: z
      .enum(['text', 'markdown'])
      .default('text')
      .describe('text: plain text (always stored); markdown: Markdown too, served by GET …/text with Accept: text/markdown or ?format=markdown'),
  })
  .strict()
  .describe('How the text is extracted; default {"mode": "full", "format": "text"}');
