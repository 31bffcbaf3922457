import { documentBaseUrl } from '../markdown/absolute-urls';
import { removeBoilerplate } from './boilerplate';
import { removeBoilerplateText } from './boilerplate-text';
import { parseLightDom } from './light-dom';
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
}

export function pageBlocks(html: string, pageUrl: string): PageBlocks {
  const document = parseLightDom(html);
  const title = (document.title ?? '').replace(/\s+/g, ' ').trim() || null;
  const baseUrl = documentBaseUrl(document, pageUrl);
  if (document.body === null) return { title, baseUrl, blocks: [], good: [], goodAlone: [] };
  removeBoilerplate(document);
  removeBoilerplateText(document.body);
  const blocks = textBlocks(document.body);
  return { title, baseUrl, blocks, good: classifyParagraphs(blocks), goodAlone: goodOnItsOwn(blocks) };
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
