/**
 * trafilatura's evaluation rule (tests/eval_common.py, as shared/corpus/trafilatura-eval/score.py
 * counts it): whitespace runs become one space and both ends are trimmed, in the text and in each
 * snippet; a snippet is found when it is then a case-sensitive substring of the text. Found "with"
 * snippets are true positives, missed ones false negatives; found "without" snippets are false
 * positives, absent ones true negatives. Counts are summed over pages (micro-average).
 */
export interface SnippetExpectation {
  name: string;
  with: string[];
  without: string[];
}

export interface SnippetCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

// Python's `\s` on str (str.isspace): unlike JS's `\s` it includes \x1c-\x1f and \x85 and excludes U+FEFF.
const PY_WHITESPACE = /[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
const normalize = (text: string) => text.replace(PY_WHITESPACE, ' ').replace(/^ | $/g, '');

export function countSnippets(expectation: SnippetExpectation, text: string): SnippetCounts {
  const normalized = normalize(text);
  const hitWith = expectation.with.filter((snippet) => normalized.includes(normalize(snippet))).length;
  const hitWithout = expectation.without.filter((snippet) => normalized.includes(normalize(snippet))).length;
  return {
    tp: hitWith,
    fn: expectation.with.length - hitWith,
    fp: hitWithout,
    tn: expectation.without.length - hitWithout,
  };
}

export function sumCounts(counts: SnippetCounts[]): SnippetCounts {
  return counts.reduce(
    (sum, c) => ({ tp: sum.tp + c.tp, fp: sum.fp + c.fp, fn: sum.fn + c.fn, tn: sum.tn + c.tn }),
    { tp: 0, fp: 0, fn: 0, tn: 0 },
  );
}

export function snippetMetrics({ tp, fp, fn, tn }: SnippetCounts) {
  const div = (a: number, b: number) => (b === 0 ? 0 : a / b);
  return {
    precision: div(tp, tp + fp),
    recall: div(tp, tp + fn),
    f1: div(2 * tp, 2 * tp + fp + fn),
    accuracy: div(tp + tn, tp + fp + fn + tn),
  };
}
