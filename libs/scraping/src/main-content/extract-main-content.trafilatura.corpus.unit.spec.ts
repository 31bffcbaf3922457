import { extractMainContent } from './extract-main-content';
import { trafilaturaPages } from './corpus/corpus-pages';
import type { TrafilaturaPage } from './corpus/corpus-pages';
import { countSnippets, snippetMetrics, sumCounts } from './scoring/snippet-score';
import type { SnippetCounts } from './scoring/snippet-score';

/**
 * trafilatura's own evaluation (shared/corpus/trafilatura-eval): 479 real pages, snippets the main
 * text must and must not contain, counted as its score.py counts them. trafilatura 2.2.0 scores
 * F1 0.940 here; Readability alone (on linkedom) 0.897; ours 0.927 with Readability and the paragraph
 * classifier, 0.942 (precision 0.929, recall 0.955) since the named body container and the
 * author/comment/widget/credit rules (extractor main-1.1.0). The floors sit just under our measured
 * figures so that a regression fails. What it still misses: 13 "with" snippets that only the page's
 * scripts render (scmp, security.googleblog, soundofscience, chocolate.com …); 12 of its "without"
 * snippets are figure captions, which trafilatura drops and issue 13 asks to keep.
 */
const MIN_F1 = 0.94;
const MIN_PRECISION = 0.925;
const MIN_RECALL = 0.95;

describe('extractMainContent on trafilatura-eval', () => {
  let pages: TrafilaturaPage[] = [];
  let counts: SnippetCounts[] = [];

  beforeAll(() => {
    pages = trafilaturaPages();
    counts = pages.map((page) => countSnippets(page, extractMainContent(page.html, page.url).text));
  }, 600_000);

  it('finds the corpus', () => {
    expect(pages.length).toBe(479);
  });

  it(`scores F1 >= ${MIN_F1} by trafilatura's snippet rule`, () => {
    const total = sumCounts(counts);
    const metrics = snippetMetrics(total);
    process.stdout.write(
      `trafilatura-eval: tp ${total.tp} fp ${total.fp} fn ${total.fn} tn ${total.tn}  precision ${metrics.precision.toFixed(3)} ` +
        `recall ${metrics.recall.toFixed(3)} f1 ${metrics.f1.toFixed(3)} accuracy ${metrics.accuracy.toFixed(3)}\n`,
    );
    expect(metrics.f1).toBeGreaterThanOrEqual(MIN_F1);
    expect(metrics.precision).toBeGreaterThanOrEqual(MIN_PRECISION);
    expect(metrics.recall).toBeGreaterThanOrEqual(MIN_RECALL);
  });

  it('returns some main text for nearly every page', () => {
    const empty = pages.filter((_, i) => counts[i].tp === 0 && counts[i].fn > 0).map((page) => page.name);
    process.stdout.write(`trafilatura-eval: ${empty.length} pages with none of their snippets: ${empty.slice(0, 10).join(', ')}\n`);
    expect(empty.length).toBeLessThanOrEqual(10);
  });
});
