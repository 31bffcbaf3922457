import { isElement, TEXT_NODE } from './light-dom';
import type { LightElement, LightNode } from './light-dom';

/** A run of inline text between two block boundaries, as jusText segments a page. */
export interface TextBlock {
  text: string;
  /** Characters of the text inside links. */
  linkChars: number;
  /** The block element that holds the run (p, li, h2, td, a div with loose text …). */
  container: LightElement;
  heading: boolean;
}

const BOUNDARIES = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'center', 'dd', 'details', 'div', 'dl', 'dt',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav',
  'ol', 'p', 'pre', 'section', 'summary', 'table', 'td', 'th', 'tr', 'ul',
]);
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'head', 'select', 'button', 'textarea', 'rt', 'rp']);
const HEADINGS = /^h[1-6]$/;

/** Cuts a subtree into text blocks in document order; iterative and linear in the page. */
export function textBlocks(root: LightElement): TextBlock[] {
  const blocks: TextBlock[] = [];
  let parts: string[] = [];
  let linkChars = 0;
  let container: LightElement = root;
  const flush = () => {
    const text = parts.join('').replace(/\s+/g, ' ').trim();
    if (text !== '') blocks.push({ text, linkChars, container, heading: HEADINGS.test(container.localName) });
    parts = [];
    linkChars = 0;
  };
  // [node, leaving, inside a link, the block element around it]
  const stack: Array<[LightNode, boolean, boolean, LightElement]> = [[root, false, false, root]];
  while (stack.length > 0) {
    const [node, leaving, inLink, block] = stack.pop()!;
    if (node.nodeType === TEXT_NODE) {
      const data = node.textContent ?? '';
      if (parts.length === 0) container = block;
      parts.push(data);
      if (inLink) linkChars += data.replace(/\s+/g, ' ').length;
      continue;
    }
    if (!isElement(node)) continue;
    const name = node.localName;
    if (SKIPPED.has(name)) continue;
    const boundary = BOUNDARIES.has(name);
    if (leaving) {
      if (boundary) flush();
      continue;
    }
    if (boundary) flush();
    stack.push([node, true, inLink, block]);
    const children = node.childNodes;
    const innerBlock = boundary && name !== 'br' ? node : block;
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], false, inLink || name === 'a', innerBlock]);
  }
  flush();
  return blocks;
}
