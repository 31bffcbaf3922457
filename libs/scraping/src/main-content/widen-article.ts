import type { TextBlock } from './text-blocks';

export interface WidenedArticle {
  blocks: TextBlock[];
  /** How many blocks Readability had not kept. */
  added: number;
}

// How far above Readability's first block a lead may start, in blocks.
const MAX_LEAD_BLOCKS = 4;
// Share of Readability's text that must be found as page blocks for the span to be trusted.
const MIN_MATCHED = 0.8;
// How far below its last block good text may go on (a closing paragraph in a box of its own).
const MAX_TRAIL_BLOCKS = 3;
// How far above the article its headline may stand, in blocks.
const MAX_HEADLINE_DISTANCE = 30;

/**
 * Readability's article widened by the paragraph classifier, on the page's own blocks: the span of
 * the page from the first to the last block Readability kept, with every block in that span that
 * either kept or the classifier finds good on its own (Readability drops a paragraph for a class name such as
 * "teaser" or "intro"), plus the blocks just before it that are good on their own (the lead, which news sites put above
 * the article's container). Null when none of Readability's blocks is found on the page.
 */
export function widenArticle(pageBlocks: TextBlock[], good: boolean[], articleBlocks: TextBlock[]): WidenedArticle | null {
  const inArticle = new Set(articleBlocks.map((block) => block.text));
  let first = -1;
  let last = -1;
  pageBlocks.forEach((block, i) => {
    if (!inArticle.has(block.text)) return;
    if (first < 0) first = i;
    last = i;
  });
  if (first < 0) return null;
  // Readability rebuilt the article's blocks beyond recognition: nothing to widen safely.
  const found = pageBlocks.filter((block) => inArticle.has(block.text)).reduce((sum, block) => sum + block.text.length, 0);
  const total = articleBlocks.reduce((sum, block) => sum + block.text.length, 0);
  if (found < MIN_MATCHED * total) return null;
  let start = first;
  while (start > 0 && first - (start - 1) <= MAX_LEAD_BLOCKS && good[start - 1]) start--;
  // Between the headline and the body sit the lead and the share bar: from a nearby <h1> on, the
  // good blocks count as the article's (the rest in that span is left out below).
  for (let i = first - 1; i >= 0 && first - i <= MAX_HEADLINE_DISTANCE; i--) {
    if (pageBlocks[i].container.localName === 'h1') {
      start = Math.min(start, i + 1);
      break;
    }
  }
  let end = last;
  const trail = MAX_TRAIL_BLOCKS;
  while (end < pageBlocks.length - 1 && end - last < trail && good[end + 1]) end++;
  const blocks: TextBlock[] = [];
  let added = 0;
  for (let i = start; i <= end; i++) {
    if (inArticle.has(pageBlocks[i].text)) blocks.push(pageBlocks[i]);
    else if (good[i]) {
      blocks.push(pageBlocks[i]);
      added++;
    }
  }
  return { blocks, added };
}
