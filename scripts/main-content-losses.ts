/**
 * `node --require @swc-node/register scripts/main-content-losses.ts [trafilatura|readability|both] [N]`:
 * scores the main-content extractor on both corpora (as the corpus tests do) and lists the pages that
 * lose most: trafilatura-eval by missed "with" plus found "without" snippets, readability by 4-gram F1.
 * TEXT_DIR=dir also writes each page's text there (for diffing two versions of the extractor).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blockText } from '../libs/scraping/src/main-content/block-text';
import { readabilityPages, trafilaturaPages } from '../libs/scraping/src/main-content/corpus/corpus-pages';
import { extractMainContent } from '../libs/scraping/src/main-content/extract-main-content';
import { wrapFragment } from '../libs/scraping/src/main-content/readability-pass';
import { matchShingles, ngramMetrics } from '../libs/scraping/src/main-content/scoring/ngram-score';
import { countSnippets, snippetMetrics, sumCounts } from '../libs/scraping/src/main-content/scoring/snippet-score';

const which = process.argv[2] ?? 'both';
const top = Number(process.argv[3] ?? 25);
const textDir = process.env.TEXT_DIR;
if (textDir) mkdirSync(textDir, { recursive: true });
const cut = (s: string) => JSON.stringify(s.length > 90 ? `${s.slice(0, 90)}…` : s);

if (which !== 'readability') {
  const pages = trafilaturaPages();
  const rows = pages.map((page) => {
    const result = extractMainContent(page.html, page.url);
    if (textDir) writeFileSync(join(textDir, `${page.name}.txt`), result.text);
    const counts = countSnippets(page, result.text);
    const norm = (t: string) => t.replace(/\s+/g, ' ').trim();
    const text = norm(result.text);
    return {
      page, counts, method: result.method,
      missed: page.with.filter((s) => !text.includes(norm(s))),
      leaked: page.without.filter((s) => text.includes(norm(s))),
    };
  });
  const total = sumCounts(rows.map((r) => r.counts));
  const m = snippetMetrics(total);
  console.log(`trafilatura-eval: tp ${total.tp} fp ${total.fp} fn ${total.fn} tn ${total.tn} precision ${m.precision.toFixed(4)} recall ${m.recall.toFixed(4)} f1 ${m.f1.toFixed(4)}`);
  const byMethod = new Map<string, number[]>();
  for (const r of rows) {
    const [fn, fp] = byMethod.get(r.method) ?? [0, 0];
    byMethod.set(r.method, [fn + r.counts.fn, fp + r.counts.fp]);
  }
  console.log(`losses (fn/fp) by method: ${[...byMethod].map(([k, [fn, fp]]) => `${k} ${fn}/${fp}`).join(', ')}`);
  rows.sort((a, b) => b.counts.fn + b.counts.fp - (a.counts.fn + a.counts.fp));
  for (const r of rows.slice(0, top).filter((r) => r.counts.fn + r.counts.fp > 0)) {
    console.log(`\n${r.page.name} [${r.method}] fn ${r.counts.fn}/${r.page.with.length} fp ${r.counts.fp}/${r.page.without.length}`);
    for (const s of r.missed) console.log(`  - missed ${cut(s)}`);
    for (const s of r.leaked) console.log(`  + leaked ${cut(s)}`);
  }
}

if (which !== 'trafilatura') {
  const rows = readabilityPages().map((page) => {
    const result = extractMainContent(page.html, 'http://127.0.0.1/test/page.html');
    const counts = matchShingles(blockText(wrapFragment(page.expectedHtml)), result.text);
    return { name: page.name, counts, method: result.method };
  });
  const m = ngramMetrics(rows.map((r) => r.counts));
  console.log(`\nreadability: precision ${m.precision.toFixed(4)} recall ${m.recall.toFixed(4)} f1 ${m.f1.toFixed(4)}`);
  const f1 = ([tp, fp, fn]: number[]) => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
  rows.sort((a, b) => f1(a.counts) - f1(b.counts));
  for (const r of rows.slice(0, Math.min(top, 15))) {
    const [tp, fp, fn] = r.counts;
    console.log(`  ${r.name} [${r.method}] f1 ${f1(r.counts).toFixed(3)} tp ${tp.toFixed(2)} fp ${fp.toFixed(2)} fn ${fn.toFixed(2)}`);
  }
}
