import type * as Cld3 from 'cld3-asm';

export interface DetectedLanguage {
  language: string;
  confidence: number;
}

// CLD3 reads five snippets of 140 bytes spread evenly through the cleaned text (below), so more text
// moves its verdict: of the 504 corpus pages that declare a language, 480-482 agree with it on samples
// of 1,000-3,000 characters, 485 on 4,000.
const SAMPLE_CHARS = 4000;
const MIN_LETTERS = 20;
/**
 * CLD3 answers `und` under this many bytes of cleaned text. At 0 it named Japanese (0.78) for a text with
 * nothing left once cleaned, such as one word repeated.
 */
const MIN_CLEANED_BYTES = MIN_LETTERS;
/** CLD3's default; 2,000 and 4,000 took twice the time and agreed with the same 485 pages. */
const MAX_BYTES = 700;
/** cld3-asm's own limit is 3 s, which a thread starting beside others on a loaded machine can pass. */
const LOAD_TIMEOUT_MS = 30_000;

/**
 * Google's CLD3 compiled to WebAssembly (cld3-asm). Its module (~3 MiB of heap, a 16 MiB wasm memory
 * that never grows, ~25 MiB of resident memory in all once it has run) loads asynchronously, once per
 * thread, by {@link loadLanguageDetector}: the parsing threads await it before they parse; a thread that
 * never detects a language, such as the fetcher's main thread, never loads it.
 */
let identifier: Cld3.LanguageIdentifier | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the detector in this thread (idempotent: one load, then the same settled promise; a failed
 * load is tried again by the next call). Await it before the first {@link detectLanguage}.
 */
export function loadLanguageDetector(): Promise<void> {
  loading ??= (async () => {
    const { loadModule } = require('cld3-asm') as typeof Cld3;
    const factory = await loadModule({ timeout: LOAD_TIMEOUT_MS });
    identifier = factory.create(MIN_CLEANED_BYTES, MAX_BYTES);
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/**
 * The language of a text by CLD3 (a small neural network over character n-grams, some 100 languages),
 * or null when there is too little text or no verdict. Throws until {@link loadLanguageDetector} has
 * resolved in this thread, whatever the text, so that a path that forgot to load fails in its tests.
 *
 * The language is CLD3's code reduced to ISO 639-1: its primary subtag (`zh-Latn`, Chinese written in
 * pinyin, is `zh`; likewise ja, ru, bg, el and hi in Latin script) and `iw` renamed `he`. CLD3's
 * languages without a two-letter code keep their three letters (ceb, haw, hmn, fil).
 *
 * Confidence: CLD3's probability for that language, the softmax of its network's scores over all its
 * languages, computed on the sample (its first 10,000 bytes of UTF-8) once cleaned (letters lower-cased;
 * digits, punctuation and repeated chunks dropped), or on five 140-byte snippets spread through that when
 * it is longer than 700 bytes. CLD3 calls a verdict reliable from 0.7 (0.5 for Croatian and Bosnian, which
 * it tells apart poorly); a verdict below that is kept with its low confidence, for the reader to weigh.
 */
export function detectLanguage(text: string): DetectedLanguage | null {
  if (identifier === undefined) {
    throw new Error('The language detector is not loaded in this thread: await loadLanguageDetector() before detectLanguage()');
  }
  const sample = text.slice(0, SAMPLE_CHARS);
  if ((sample.match(/\p{L}/gu)?.length ?? 0) < MIN_LETTERS) return null;
  // CLD3 reads a C string: a NUL would end the text there.
  const result = identifier.findLanguage(sample.replaceAll('\0', ' '));
  if (result.language === 'und') return null;
  const confidence = Math.min(1, Math.max(0, result.probability));
  return { language: isoCode(result.language), confidence: Math.round(confidence * 1000) / 1000 };
}

/** CLD3's codes that ISO 639-1 names otherwise. */
const RENAMED: Record<string, string> = { iw: 'he' };

function isoCode(cld3: string): string {
  const primary = cld3.split('-')[0];
  return RENAMED[primary] ?? primary;
}
