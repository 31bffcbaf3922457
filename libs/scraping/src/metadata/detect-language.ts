import type * as Tinyld from 'tinyld';

/**
 * tinyld's n-gram profiles cost ~50 MiB of heap in every isolate that loads them (the fetcher's main
 * thread and each parsing thread): required on first use, so a thread that never detects a language,
 * such as the fetcher's main thread, never pays for them.
 */
let tinyld: typeof Tinyld | undefined;
function detectAll(text: string): ReturnType<typeof Tinyld.detectAll> {
  tinyld ??= require('tinyld') as typeof Tinyld;
  return tinyld.detectAll(text);
}

export interface DetectedLanguage {
  language: string;
  confidence: number;
}

// Enough text to decide; tinyld reads only its seven longest chunks anyway.
const SAMPLE_CHARS = 4000;
const MIN_LETTERS = 20;

/**
 * The language of a text by tinyld (n-gram profiles of 64 languages), or null when there is too
 * little text or no verdict.
 *
 * Confidence: tinyld's `detectAll` scores each analysed chunk of the text per language (1 for the
 * best-matching language of that chunk, less for the others in proportion to their n-gram score)
 * and returns, per language, those scores weighted by chunk length and divided by the total length.
 * Our confidence is the winner's figure minus the runner-up's: 1 when every chunk points to one
 * language alone, near 0 when two languages score alike (e.g. Serbian and Croatian).
 */
export function detectLanguage(text: string): DetectedLanguage | null {
  const sample = text.slice(0, SAMPLE_CHARS);
  if ((sample.match(/\p{L}/gu)?.length ?? 0) < MIN_LETTERS) return null;
  const [best, second] = detectAll(sample);
  if (best === undefined || !best.lang) return null;
  const confidence = Math.min(1, Math.max(0, best.accuracy - (second?.accuracy ?? 0)));
  return { language: best.lang, confidence: Math.round(confidence * 1000) / 1000 };
}
