import type { TextBlock } from './text-blocks';

/**
 * jusText's idea (Pomikálek 2011) without its per-language stop lists: a block is good when it is
 * long and not made of links, bad when it is mostly links or tiny; blocks in between take the class
 * of their good or bad neighbourhood. Headings just before good text are kept. Returns the kept blocks.
 */
const LENGTH_LOW = 70;
const LENGTH_HIGH = 200;
const MAX_LINK_DENSITY = 0.2;

type Verdict = 'good' | 'bad' | 'near-good' | 'short';

function classify(block: TextBlock): Verdict {
  const length = block.text.length;
  const linkDensity = length === 0 ? 1 : block.linkChars / length;
  if (linkDensity > MAX_LINK_DENSITY) return 'bad';
  if (/©|\bcopyright\b|all rights reserved|alle rechte vorbehalten/i.test(block.text) && length < LENGTH_HIGH) return 'bad';
  if (length < LENGTH_LOW / 2 || (block.heading && length < LENGTH_LOW)) return 'short';
  if (length < LENGTH_LOW) return 'near-good';
  // A sentence-like block: several words and some punctuation (holds across scripts that use spaces).
  const sentenceLike = /[.!?。！？،؟]/.test(block.text);
  return length >= LENGTH_HIGH || sentenceLike ? 'good' : 'near-good';
}

export function keepParagraphs(blocks: TextBlock[]): TextBlock[] {
  const good = classifyParagraphs(blocks);
  return blocks.filter((_, i) => good[i]);
}

/** For each block, whether it is good on its own, before its neighbours are looked at. */
export const goodOnItsOwn = (blocks: TextBlock[]): boolean[] => blocks.map((block) => classify(block) === 'good');

/** For each block, whether it is content (true) or boilerplate (false). */
export function classifyParagraphs(blocks: TextBlock[]): boolean[] {
  const first = blocks.map(classify);
  // Context pass: a short or near-good block becomes good between good neighbours (nearest
  // non-short ones on each side), bad next to bad ones; near-good with one good side is kept.
  const decided = (verdict: Verdict) => verdict === 'good' || verdict === 'bad';
  // Nearest decided verdict on each side, in two linear sweeps (the page's edges count as bad).
  const before: Verdict[] = [];
  const after: Verdict[] = [];
  for (let i = 0, last: Verdict = 'bad'; i < first.length; i++) {
    before[i] = last;
    if (decided(first[i])) last = first[i];
  }
  for (let i = first.length - 1, last: Verdict = 'bad'; i >= 0; i--) {
    after[i] = last;
    if (decided(first[i])) last = first[i];
  }
  const final = first.map((verdict, i) => {
    if (decided(verdict)) return verdict;
    if (before[i] === 'good' && after[i] === 'good') return 'good';
    if (verdict === 'near-good' && (before[i] === 'good' || after[i] === 'good')) return 'good';
    return 'bad';
  });
  // Headings are short by nature: keep one when the next kept text follows it closely.
  for (let i = 0; i < blocks.length; i++) {
    if (!blocks[i].heading || final[i] === 'good') continue;
    for (let j = i + 1; j < Math.min(blocks.length, i + 4); j++) {
      if (final[j] === 'good') {
        final[i] = 'good';
        break;
      }
    }
  }
  return final.map((verdict) => verdict === 'good');
}
