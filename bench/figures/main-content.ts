import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readabilityPages } from '../../libs/scraping/src/main-content/corpus/corpus-pages';
import { parseLightDom } from '../../libs/scraping/src/main-content/light-dom';
import { extractMainContent } from '../../libs/scraping/src/main-content';
import { extractText } from '../../libs/scraping/src/extract/extract-text';
import type { Figure } from '../report';
import type { Bench } from './bench';

// Whole passes over the corpus until this much time has passed (at least one pass), after a warm-up on a few pages.
const MIN_DURATION_MS = 20_000;
const WARM_UP_PAGES = 10;
const PAGE_URL = 'http://127.0.0.1/article/page.html';

type Extractor = (html: string) => unknown;

/**
 * Pages per second of each extractor over `pages`. The extractors take turns page by page, so a
 * shared machine's changing load weighs on each alike (timed one after the other, their ratio
 * swung by 2x between runs).
 */
function pagesPerSecond(pages: string[], extractors: Extractor[]): number[] {
  for (const html of pages.slice(0, WARM_UP_PAGES)) for (const extract of extractors) extract(html);
  const spent = extractors.map(() => 0);
  let done = 0;
  const start = performance.now();
  do {
    for (const html of pages) {
      extractors.forEach((extract, i) => {
        const before = performance.now();
        extract(html);
        spent[i] += performance.now() - before;
      });
    }
    done += pages.length;
  } while (performance.now() - start < MIN_DURATION_MS);
  return spent.map((ms) => done / (ms / 1000));
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
  const readability = readabilityAlone();
  const extractors: Extractor[] = [
    (html) => extractMainContent(html, PAGE_URL),
    (html) => extractMainContent(html, PAGE_URL, { format: 'markdown' }),
    (html) => extractText(html),
    ...(readability === undefined ? [] : [readability]),
  ];
  const [main, mainMarkdown, full, peerRate] = pagesPerSecond(pages, extractors);
  console.log(`  full text ${full.toFixed(1)} pages/s; main content ${main.toFixed(1)} pages/s (x${(full / main).toFixed(1)} the cost), with Markdown ${mainMarkdown.toFixed(1)} pages/s`);
  return [{
    name: 'main-content pages/s, in-process',
    unit: 'pages/s',
    trawl: main,
    peer: peerRate === undefined ? { name: 'Readability.js on linkedom', missing: '@mozilla/readability is not installed' } : { name: 'Readability.js on linkedom', value: peerRate },
    settings: `${pages.length} pages of shared/corpus/readability, one thread, whole passes for >= ${MIN_DURATION_MS / 1000} s after a warm-up on ${WARM_UP_PAGES}, the extractors taking turns page by page; trawl: extractMainContent (text, no Markdown); peer: new Readability(linkedom document).parse()`,
  }];
}

export const mainContentBench: Bench = { name: 'main-content pages/s', run: () => measure() };
