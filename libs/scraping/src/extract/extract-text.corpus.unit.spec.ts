import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import { decodeHtml } from '../charset/decode-html';
import { extractText } from './extract-text';
import { corpusDir } from '../../../../test/support/corpus';

/**
 * Real markup: 129 pages from mozilla/readability's test suite, each with its main content as
 * Readability extracts it. The full visible text we extract must contain that main content.
 *
 * Measure, independent of our own block logic: every text node of the expected main content
 * with at least MIN_CHARS non-space characters must occur in our text, both compared with all
 * whitespace removed (so block boundaries, where our lines break and a plain concatenation
 * does not, cannot matter). A page's coverage is the share of those characters found.
 */
const CORPUS = corpusDir();
const MIN_CHARS = 12;
const PAGE_COVERAGE = 0.9;
const PAGES_PASSING = 0.95;

const squeeze = (text: string) => text.replace(/[\s\u00a0]+/g, '');

interface PageResult {
  page: string;
  coverage: number;
  codeLines: number;
  leakedCode: string[];
}

function mainContentPieces(expectedHtml: string): string[] {
  const $ = load(expectedHtml);
  return $('*')
    .contents()
    .toArray()
    .flatMap((node) => (node.type === 'text' ? [squeeze(node.data)] : []))
    .filter((piece) => piece.length >= MIN_CHARS);
}

/** Lines of inline scripts and style sheets that look like code; none may reach the text. */
function codeLines(sourceHtml: string): string[] {
  // htmlparser2 (cheerio's non-parse5 mode) reads script and style content the same, five times faster.
  const $ = load(sourceHtml, { xml: { xmlMode: false } });
  return $('script:not([src]), style')
    .toArray()
    .flatMap((element) => $(element).text().split('\n'))
    .map((line) => line.trim())
    .filter((line) => line.length >= 30 && /[{};=]/.test(line));
}

function measure(page: string): PageResult {
  const dir = join(CORPUS, page);
  // The pages are stored as UTF-8 (a few lack a <meta charset>), so they are read as served with that header.
  const { html } = decodeHtml(readFileSync(join(dir, 'source.html')), 'text/html; charset=utf-8');
  const text = extractText(html).text;
  const squeezed = squeeze(text);
  const pieces = mainContentPieces(readFileSync(join(dir, 'expected.html'), 'utf8'));
  const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
  const found = pieces.filter((piece) => squeezed.includes(piece)).reduce((sum, piece) => sum + piece.length, 0);
  const code = codeLines(html);
  const leakedCode = code.filter((line) => text.includes(line));
  return { page, coverage: total === 0 ? 1 : found / total, codeLines: code.length, leakedCode };
}

const pages = existsSync(CORPUS)
  ? readdirSync(CORPUS).filter((name) => existsSync(join(CORPUS, name, 'expected.html')))
  : [];

describe('extractText on the real-page corpus', () => {
  let results: PageResult[] = [];

  // 25 MB of real HTML: parse5 reads about 2 MB/s, so this takes a while on a busy machine.
  beforeAll(() => {
    results = pages.map(measure);
  }, 180_000);

  it('finds the corpus', () => {
    expect(pages.length).toBeGreaterThanOrEqual(100);
  });

  it(`keeps >= ${PAGE_COVERAGE * 100}% of the main content on >= ${PAGES_PASSING * 100}% of pages`, () => {
    const passing = results.filter((result) => result.coverage >= PAGE_COVERAGE);
    const mean = results.reduce((sum, result) => sum + result.coverage, 0) / results.length;
    const worst = [...results].sort((a, b) => a.coverage - b.coverage).slice(0, 5);
    process.stdout.write(
      `corpus: ${passing.length}/${results.length} pages >= ${PAGE_COVERAGE * 100}% main content, ` +
        `mean coverage ${(mean * 100).toFixed(3)}%, lowest ${worst
          .map((result) => `${result.page} ${(result.coverage * 100).toFixed(1)}%`)
          .join(', ')}\n`,
    );
    expect(passing.length / results.length).toBeGreaterThanOrEqual(PAGES_PASSING);
  });

  it('leaks no script or style code into the text', () => {
    const checked = results.filter((result) => result.codeLines > 0);
    const leaks = results.filter((result) => result.leakedCode.length > 0);
    process.stdout.write(`corpus: ${leaks.length} of ${checked.length} pages with inline code leak any of it\n`);
    expect(checked.length).toBeGreaterThan(50);
    expect(leaks).toEqual([]);
  });
});
