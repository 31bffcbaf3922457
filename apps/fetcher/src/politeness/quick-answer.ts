/** What the host answered, reported when a request gives its slot back. */
export interface AnswerSummary {
  status: number;
  /** Body bytes received. */
  bytes: number;
}

/** A body this small cost the host next to nothing to send (a typical error page is 0.2–10 KiB). */
export const QUICK_ANSWER_MAX_BYTES = 64 * 1024;

/**
 * A final 4xx (404, 403, 410…; not 408 or 429, which ask us to come back) with a small body, answered
 * before the host's delay ran out: the host looked something up and said no. Such an answer does not
 * earn the following request the full delay (ADR 0004): a page of 200 missing images would otherwise
 * take 200 × 250 ms although the site did almost no work.
 */
export function isQuickFinalAnswer(answer: AnswerSummary, elapsedMs: number, delayMs: number): boolean {
  const finalClientError = answer.status >= 400 && answer.status < 500 && answer.status !== 408 && answer.status !== 429;
  return finalClientError && answer.bytes <= QUICK_ANSWER_MAX_BYTES && elapsedMs < delayMs;
}
