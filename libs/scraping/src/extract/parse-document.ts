import { DomHandler, Element } from 'domhandler';
import type { Document, ParentNode } from 'domhandler';
import { Parser } from 'htmlparser2';

export const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';
export const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
export const MATHML_NAMESPACE = 'http://www.w3.org/1998/Math/MathML';

/** SVG and MathML elements whose content is HTML again (the standard's integration points). */
const HTML_INTEGRATION_POINTS = new Set(['foreignobject', 'desc', 'title', 'mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml']);

/**
 * Parses HTML into a DOM (domhandler nodes) with htmlparser2: about four times faster than parse5
 * on the real pages of the shared corpus, which is most of a page job's CPU (profiled: parse5's
 * tokenizer and tree building were 60% of a text-only page, and the garbage they left most of
 * the rest). What a browser would do differently and what matters for trawl is repaired here:
 * - elements get the namespace a browser gives them (SVG and MathML subtrees, HTML again inside
 *   their integration points), so an SVG `<image>` or `<title>` is told from an HTML one;
 * - an HTML `<image>` becomes `<img>`, as the standard's tree builder renames it, and an SVG
 *   `xlink:href` is read as `href`;
 * - `<noscript>` content is parsed into elements, as a browser without JavaScript sees it (where
 *   lazy loaders put the real `<img>`); the text extractor skips `<noscript>` in any case.
 * Where the two parsers still differ (misnested tables, comments in odd places), the text of
 * the 608 corpus pages is the same but for 4 pages: on one of them parse5 loses the whole body
 * (a stray `</html>` before it), on the others a BOM or one line break. Checked by the corpus tests.
 */
export function parseHtmlDocument(html: string): Document {
  const handler = new NamespacedDomHandler();
  new Parser(handler, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }).end(html);
  return handler.root;
}

/** A DomHandler that sets each element's namespace as it opens, from its parent's. */
class NamespacedDomHandler extends DomHandler {
  constructor() {
    super(undefined, { withStartIndices: false, withEndIndices: false });
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    const parent = this.tagStack[this.tagStack.length - 1];
    const namespace = namespaceOf(name, parent);
    // In foreign content parse5 names `xlink:href` by its local name, as the DOM's getAttributeNS does.
    if (namespace !== HTML_NAMESPACE && attribs['xlink:href'] !== undefined && attribs.href === undefined) {
      attribs.href = attribs['xlink:href'];
      delete attribs['xlink:href'];
    }
    super.onopentag(namespace === HTML_NAMESPACE && name === 'image' ? 'img' : name, attribs);
    const element = this.tagStack[this.tagStack.length - 1] as Element;
    element.namespace = namespace;
  }
}

function namespaceOf(name: string, parent: ParentNode | undefined): string {
  const parentNamespace = parent instanceof Element ? (parent.namespace ?? HTML_NAMESPACE) : HTML_NAMESPACE;
  if (parentNamespace !== HTML_NAMESPACE && !(parent instanceof Element && HTML_INTEGRATION_POINTS.has(parent.name))) return parentNamespace;
  if (name === 'svg') return SVG_NAMESPACE;
  if (name === 'math') return MATHML_NAMESPACE;
  return HTML_NAMESPACE;
}
