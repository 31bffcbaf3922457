import type { TextBlock } from './text-blocks';

/** What the page offers: Readability's article, the container its markup names, the paragraph classifier's pick. */
export interface SourceMeasures {
  /** Characters of Readability's article once its boilerplate is gone (0: none). */
  articleChars: number;
  /** Share of the article's text found on the page once the page's boilerplate is gone. */
  articleOnPage: number;
  /** Share of the article's text found in the named container. */
  articleInContainer: number;
  /** Characters of the named container's blocks (0: no container). */
  containerChars: number;
  /** Characters of the blocks the paragraph classifier keeps. */
  paragraphChars: number;
}

export type Source = 'article' | 'container' | 'paragraphs';

// Readability's article with less than this share of its text left on the cleaned page is mostly
// what the boilerplate rules remove: it picked a comment form, an author's box or a widget.
const MIN_ON_PAGE = 0.5;
// An article this much inside the named container is where the page says its body is: kept even
// when the classifier finds more text elsewhere (the extra is usually teasers and sidebars).
const MIN_IN_CONTAINER = 0.8;
// Readability's article gives way when it holds less than this share of the classifier's text (it
// picked a teaser, one comment, or too little). Measured on the corpora: 0.3 to 0.8 score alike.
const FALLBACK_RATIO = 0.5;
// ...to the named container when it holds at least this share of the classifier's text.
const CONTAINER_RATIO = 0.5;

/**
 * Which text to serve, measured on trafilatura-eval (F1 0.927 with Readability and the classifier
 * alone; each rule below added when it paid there without costing the readability corpus).
 */
export function chooseSource(m: SourceMeasures): Source | 'none' {
  const container = m.containerChars > 0;
  if (m.articleChars > 0 && m.articleOnPage < MIN_ON_PAGE && container) return 'container';
  if (m.articleChars === 0 && container) return 'container';
  if (m.articleChars > 0 && m.articleInContainer >= MIN_IN_CONTAINER) return 'article';
  if (m.articleChars === 0 || m.articleChars < FALLBACK_RATIO * m.paragraphChars) {
    if (container && m.containerChars >= CONTAINER_RATIO * m.paragraphChars) return 'container';
    if (m.paragraphChars > 0) return 'paragraphs';
    return m.articleChars > 0 ? 'article' : 'none';
  }
  return 'article';
}

/** Share of the article's characters in blocks whose text the other blocks also hold (as a substring of one of them, or across). */
export function shareFoundIn(articleBlocks: TextBlock[], blocks: TextBlock[]): number {
  const inside = blocks.map((block) => block.text).join('\n');
  const total = articleBlocks.reduce((sum, block) => sum + block.text.length, 0);
  const found = articleBlocks.filter((block) => inside.includes(block.text)).reduce((sum, block) => sum + block.text.length, 0);
  return total === 0 ? 0 : found / total;
}
