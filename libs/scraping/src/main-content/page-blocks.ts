import { documentBaseUrl } from '../markdown/absolute-urls';
import { removeBoilerplate, textLength } from './boilerplate';
import { contentContainer } from './content-container';
import { removeBoilerplateText } from './boilerplate-text';
import { parseLightDom } from './light-dom';
import type { LightElement } from './light-dom';
import { classifyParagraphs, goodOnItsOwn } from './paragraph-fallback';
import { textBlocks } from './text-blocks';
import type { TextBlock } from './text-blocks';

/** The page cut into text blocks once its marked boilerplate is gone, with the classifier's verdicts. */
export interface PageBlocks {
  title: string | null;
  baseUrl: string;
  blocks: TextBlock[];
  /** Content after the neighbourhood pass (the fallback's choice). */
  good: boolean[];
  /** Content by the block's own length, links and punctuation alone (safe to add to an article). */
  goodAlone: boolean[];
  /** Whether each block lies in the element the page's markup names as its article body (none: all false). */
  inContainer: boolean[];
}

// A named container with less text than this is a teaser or an empty shell, not the article.
const MIN_CONTAINER_CHARS = 200;

export function pageBlocks(html: string, pageUrl: string): PageBlocks {
  const document = parseLightDom(html);
  const title = (document.title ?? '').replace(/\s+/g, ' ').trim() || null;
  const baseUrl = documentBaseUrl(document, pageUrl);
  if (document.body === null) return { title, baseUrl, blocks: [], good: [], goodAlone: [], inContainer: [] };
  removeBoilerplate(document);
  removeBoilerplateText(document.body);
  const blocks = textBlocks(document.body);
  const container = contentContainer(document.body, textLength, MIN_CONTAINER_CHARS);
  const inContainer = blocks.map((block) => container !== null && isWithin(block.container, container));
  return { title, baseUrl, blocks, good: classifyParagraphs(blocks), goodAlone: goodOnItsOwn(blocks), inContainer };
}

function isWithin(element: LightElement, ancestor: LightElement): boolean {
  for (let node: LightElement | null = element; node !== null; node = node.parentElement) if (node === ancestor) return true;
  return false;
}

/** Blocks as HTML: each block's own element when the block is all of its text (links and emphasis kept). */
export function blocksHtml(blocks: TextBlock[]): string {
  const parts: string[] = [];
  const used = new Set<unknown>();
  for (const block of blocks) {
    if (used.has(block.container)) continue;
    if ((block.container.textContent ?? '').replace(/\s+/g, ' ').trim() === block.text) {
      used.add(block.container);
      parts.push(block.container.outerHTML);
    } else parts.push(`<p>${escapeHtml(block.text)}</p>`);
  }
  return parts.join('\n');
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
