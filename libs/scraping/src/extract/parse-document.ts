import { load } from 'cheerio';
import type { Document } from 'domhandler';

/**
 * Parses HTML into a DOM the way a browser does (parse5, through cheerio): implied elements,
 * misnested tags and entities are resolved exactly as the HTML standard prescribes.
 *
 * `scripting` mirrors a browser's JavaScript switch. With it on (the default), `<noscript>`
 * content stays raw text; with it off, that content is parsed into elements, which is how a
 * browser without JavaScript sees the page.
 */
export function parseHtmlDocument(html: string, options: { scripting?: boolean } = {}): Document {
  const $ = load(html, { scriptingEnabled: options.scripting ?? true });
  return $.root()[0] as Document;
}
