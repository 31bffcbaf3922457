import type TurndownService from 'turndown';

/**
 * GFM pipe tables for turndown (its own gfm plugin is not a dependency): the first row is the
 * header, cells lose their line breaks and escape their pipes. Nested tables flatten into their cell.
 */
export function addPipeTables(service: TurndownService): void {
  service.addRule('tableCell', {
    filter: ['th', 'td'],
    replacement: (content, node) => {
      const cell = content.replace(/\s*\n+\s*/g, ' ').replace(/\|/g, '\\|').trim();
      return `${isFirstCell(node) ? '| ' : ' '}${cell} |`;
    },
  });
  service.addRule('tableRow', {
    filter: 'tr',
    replacement: (content, node) => {
      const row = `\n${content}`;
      if (!isFirstRow(node)) return row;
      const cells = Array.from((node as unknown as { children: ArrayLike<unknown> }).children).length;
      return `${row}\n|${' --- |'.repeat(Math.max(1, cells))}`;
    },
  });
  service.addRule('tableSection', { filter: ['thead', 'tbody', 'tfoot'], replacement: (content) => content });
  service.addRule('table', { filter: 'table', replacement: (content) => `\n\n${content.trim()}\n\n` });
  service.addRule('tableCaption', { filter: 'caption', replacement: (content) => `\n\n${content.trim()}\n\n` });
}

interface TreeNode {
  parentNode: TreeNode | null;
  previousElementSibling?: TreeNode | null;
  nodeName: string;
  firstElementChild?: TreeNode | null;
}

const isFirstCell = (node: unknown) => !(node as TreeNode).previousElementSibling;

function isFirstRow(node: unknown): boolean {
  const row = node as TreeNode;
  if (row.previousElementSibling) return false;
  const section = row.parentNode;
  if (section === null || section.nodeName === 'TABLE') return true;
  // A first row of a tbody after a thead is not the header.
  return !section.previousElementSibling || !/^(THEAD|TBODY|TFOOT)$/.test(section.previousElementSibling.nodeName);
}
