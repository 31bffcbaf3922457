import type { Document, Element } from 'domhandler';
import { isText } from 'domhandler';
import { isPreformatted, textRoleOf } from './element-roles';
import type { TextRole } from './element-roles';
import { parseHtmlDocument } from './parse-document';
import { TextSink } from './text-sink';
import { walkDom } from './walk-dom';

/** What a reader sees of a page, as plain text. */
export interface ExtractedText {
  /** The document's `<title>`, whitespace collapsed; null when missing or blank. */
  title: string | null;
  /**
   * The visible text: no markup, scripts, styles, comments or hidden elements; entities decoded;
   * one line per block, a blank line between paragraphs, cells of a table row separated by tabs,
   * `<pre>` line breaks and indentation kept.
   */
  text: string;
}

/**
 * Extracts the visible text and the title of an HTML document, walking its DOM once.
 * Works without running scripts, so it sees what a browser shows before any JavaScript runs.
 */
export function extractText(html: string): ExtractedText {
  return extractTextFrom(parseHtmlDocument(html));
}

/** {@link extractText} on a document already parsed (one parse serves text and image discovery). */
export function extractTextFrom(document: Document): ExtractedText {
  const sink = new TextSink();
  let title: string | null | undefined;
  let preformattedDepth = 0;

  walkDom(document, {
    enter(element) {
      // Like document.title: the first <title> decides, even when it is blank.
      if (element.name === 'title' && title === undefined && isHtmlElement(element)) title = titleOf(element);
      const role = textRoleOf(element);
      if (role === 'skip') return false;
      if (role === 'line-break') sink.lineBreak();
      else markBoundary(sink, role);
      if (isPreformatted(element)) preformattedDepth++;
      return true;
    },
    exit(element) {
      if (isPreformatted(element)) preformattedDepth--;
      markBoundary(sink, textRoleOf(element));
    },
    text(node) {
      if (preformattedDepth > 0) sink.preformatted(node.data);
      else sink.text(node.data);
    },
  });

  return { title: title ?? null, text: sink.result() };
}

/** Blocks and cells separate their content from what comes before and after them. */
function markBoundary(sink: TextSink, role: TextRole): void {
  if (role === 'paragraph') sink.blockBoundary(2);
  else if (role === 'block') sink.blockBoundary(1);
  else if (role === 'cell') sink.cellBoundary();
}

function isHtmlElement(element: Element): boolean {
  return element.namespace === undefined || element.namespace === 'http://www.w3.org/1999/xhtml';
}

function titleOf(element: Element): string | null {
  const raw = element.children.map((child) => (isText(child) ? child.data : '')).join('');
  const title = raw.replace(/[ \t\n\r\f]+/g, ' ').trim();
  return title === '' ? null : title;
}
