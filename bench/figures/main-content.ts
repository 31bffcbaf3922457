import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readabilityPages } from '../../libs/scraping/src/main-content/corpus/corpus-pages';
import { parseLightDom } from '../../libs/scraping/src/main-content/light-dom';
import { extractMainContent } from '../../libs/scraping/src/main-content';
import { extractText } from '../../libs/scraping/src/extract/extract-text';
import type { Figure } from '../report';
import type { Bench } from './bench';

// Each extractor runs over the whole corpus until this much time has passed (at least one pass).
const MIN_DURATION_MS = 5000;
const PAGE_URL = 'http://127.0.0.1/article/page.html';

/** Pages per second of `extract` over `pages`, after one warm-up pass; whole passes until MIN_DURATION_MS. */
function pagesPerSecond(pages: string[], extract: (html: string) => unknown): number {
  for (const html of pages) extract(html);
  let done = 0;
  const start = performance.now();
  do {
    for (const html of pages) extract(html);
    done += pages.length;
  } while (performance.now() - start < MIN_DURATION_MS);
  return done / ((performance.now() - start) / 1000);
}

/** @mozilla/readability on a linkedom DOM, as its README suggests for Node; undefined when not installed. */
function readabilityAlone(): ((html: string) => unknown) | undefined {
  if (!existsSync(join(__dirname, '../../node_modules/@mozilla/readability'))) return undefined;
  const { Readability } = require('@mozilla/readability') as typeof import('@mozilla/readability');
  return (html) => new Readability(parseLightDom(html) as never).parse()?.textContent;
}

/**
 * The main-content extractor in this process over the 129 real pages of shared/corpus/readability
 * (no HTTP, no store: the extraction alone), against Mozilla Readability on linkedom. The full-text
 * extractor's rate is printed beside it: what choosing `"text": {"mode": "main"}` costs.
 */
async function measure(): Promise<Figure[]> {
  const pages = readabilityPages().map((page) => page.html);
  const main = pagesPerSecond(pages, (html) => extractMainContent(html, PAGE_URL));
  const full = pagesPerSecond(pages, (html) => extractText(html));
  const mainMarkdown = pagesPerSecond(pages, (html) => extractMainContent(html, PAGE_URL, { format: 'markdown' }));
  console.log(`  full text ${full.toFixed(1)} pages/s; main content ${main.toFixed(1)} pages/s (x${(full / main).toFixed(1)} the cost), with Markdown ${mainMarkdown.toFixed(1)} pages/s`);
  const readability = readabilityAlone();
  const peerRate = readability === undefined ? undefined : pagesPerSecond(pages, readability);
  return [{
    name: 'main-content pages/s, in-process',
    unit: 'pages/s',
    trawl: main,
    peer: peerRate === undefined ? { name: 'Readability.js on linkedom', missing: '@mozilla/readability is not installed' } : { name: 'Readability.js on linkedom', value: peerRate },
    settings: `${pages.length} pages of shared/corpus/readability, one thread, passes for >= ${MIN_DURATION_MS / 1000} s after a warm-up pass; trawl: extractMainContent (text, no Markdown); peer: new Readability(linkedom document).parse()`,
  }];
}

export const mainContentBench: Bench = { name: 'main-content pages/s', run: () => measure() };
