import { isElement, TEXT_NODE } from './light-dom';
import type { LightNode } from './light-dom';

const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p',
  'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul',
]);
const CELLS = new Set(['td', 'th']);
const RANK = ['', ' ', '\t', '\n', '\n\n'];
// `rt`/`rp`: ruby annotations (furigana) would repeat each annotated word in another script.
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'head', 'rt', 'rp']);

/**
 * The text of a subtree as a reader sees it: one line per block, a blank line between blocks,
 * table cells separated by tabs, `<br>` as a line break, `<pre>` kept verbatim. Iterative, so a
 * deeply nested hostile page cannot overflow the stack.
 */
export function blockText(root: LightNode): string {
  const out: string[] = [];
  let pendingBreak = '';
  const push = (text: string) => {
    if (text === '') return;
    if (pendingBreak !== '' && out.length > 0) out.push(pendingBreak);
    pendingBreak = '';
    out.push(text);
  };
  // The strongest boundary seen since the last text wins: nothing < space < tab < line < paragraph.
  const breakWith = (separator: string) => {
    if (RANK.indexOf(separator) > RANK.indexOf(pendingBreak)) pendingBreak = separator;
  };
  // Stack of [node, leaving?, inside <pre>?]
  const stack: Array<[LightNode, boolean, boolean]> = [[root, false, false]];
  while (stack.length > 0) {
    const [node, leaving, inPre] = stack.pop()!;
    if (node.nodeType === TEXT_NODE) {
      const data = node.textContent ?? '';
      if (inPre) push(data);
      else {
        const collapsed = data.replace(/[\s]+/g, ' ');
        if (collapsed.trim() === '') {
          if (collapsed !== '' && out.length > 0) breakWith(' ');
          continue;
        }
        if (/^\s/.test(collapsed) && out.length > 0) breakWith(' ');
        push(collapsed.trim());
        if (/\s$/.test(collapsed)) breakWith(' ');
      }
      continue;
    }
    if (!isElement(node) && node !== root) continue;
    const name = node.nodeName.toLowerCase();
    if (SKIPPED.has(name)) continue;
    if (leaving) {
      if (BLOCKS.has(name)) breakWith(name === 'li' || name === 'tr' || name === 'dt' ? '\n' : '\n\n');
      else if (CELLS.has(name)) breakWith('\t');
      continue;
    }
    if (name === 'br') {
      breakWith('\n');
      continue;
    }
    if (BLOCKS.has(name)) breakWith(name === 'li' || name === 'tr' || name === 'dt' || name === 'dd' ? '\n' : '\n\n');
    if (name === 'img') {
      continue;
    }
    stack.push([node, true, inPre]);
    const children = node.childNodes;
    const pre = inPre || name === 'pre';
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], false, pre]);
  }
  return out.join('').replace(/[ \t]+\n/g, '\n').trim();
}
