/**
 * The article-extraction-benchmark's measure (scrapinghub/article-extraction-benchmark, evaluate.py):
 * texts are cut into word tokens (Python's `\w+`), every 4-token shingle is counted in both, and
 * per page tp/fp/fn are the overlap and the surpluses of those counts, normalised to sum to 1 so a
 * long page weighs no more than a short one. Precision and recall are averaged over pages; F1 is
 * the harmonic mean of those two averages.
 */
export type ShingleCounts = [tp: number, fp: number, fn: number];

const SHINGLE = 4;
// Python's `\w` on str: letters, digits (all Unicode numbers) and the underscore.
const TOKEN = /[\p{L}\p{N}_]+/gu;

function shingles(text: string): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const counts = new Map<string, number>();
  // As upstream: at least one shingle, even when the text has fewer tokens than its size.
  for (let i = 0; i < Math.max(1, tokens.length - SHINGLE + 1); i++) {
    const shingle = tokens.slice(i, i + SHINGLE);
    if (shingle.length === 0) continue;
    const key = shingle.join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function matchShingles(expected: string, predicted: string): ShingleCounts {
  const truth = shingles(expected);
  const prediction = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...truth.keys(), ...prediction.keys()])) {
    const t = truth.get(key) ?? 0;
    const p = prediction.get(key) ?? 0;
    tp += Math.min(t, p);
    fp += Math.max(0, p - t);
    fn += Math.max(0, t - p);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? [tp / sum, fp / sum, fn / sum] : [tp, fp, fn];
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export function ngramMetrics(pages: ShingleCounts[]) {
  const precision = mean(
    pages.filter(([tp, fp]) => tp + fp > 0).map(([tp, fp, fn]) => (fp === 0 && fn === 0 ? 1 : tp / (tp + fp))),
  );
  const recall = mean(
    pages.filter(([tp, , fn]) => tp + fn > 0).map(([tp, fp, fn]) => (fp === 0 && fn === 0 ? 1 : tp / (tp + fn))),
  );
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}
