import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeHtml } from '../../charset/decode-html';
import { corpusDir } from '../../../../../test/support/corpus';
import type { SnippetExpectation } from '../scoring/snippet-score';

/** shared/corpus/readability, found as the full-text corpus test finds it (shared/ beside the repository). */
export const readabilityCorpus = () => corpusDir();

/** shared/corpus/trafilatura-eval, the sibling of the readability corpus. */
export const trafilaturaCorpus = () => resolve(corpusDir(), '../trafilatura-eval');

/**
 * A stored page as a browser would decode it. The pages were saved without their HTTP headers, so
 * bytes that are valid UTF-8 are read as UTF-8 (what most were served as); others go through the
 * usual sniffing (`<meta charset>`, else windows-1252).
 */
export function readStoredPage(path: string): string {
  const bytes = readFileSync(path);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return decodeHtml(bytes, 'text/html; charset=utf-8').html;
  } catch {
    return decodeHtml(bytes).html;
  }
}

export interface TrafilaturaPage extends SnippetExpectation {
  url: string;
  html: string;
}

export function trafilaturaPages(): TrafilaturaPage[] {
  const dir = trafilaturaCorpus();
  const expectations = JSON.parse(readFileSync(join(dir, 'expectations.json'), 'utf8')) as Array<SnippetExpectation & { url: string }>;
  return expectations.map((page) => ({ ...page, html: readStoredPage(join(dir, 'pages', `${page.name}.html`)) }));
}

export interface ReadabilityPage {
  name: string;
  html: string;
  expectedHtml: string;
}

export function readabilityPages(): ReadabilityPage[] {
  const dir = readabilityCorpus();
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'expected.html')))
    .map((name) => ({
      name,
      html: readStoredPage(join(dir, name, 'source.html')),
      expectedHtml: readFileSync(join(dir, name, 'expected.html'), 'utf8'),
    }));
}
