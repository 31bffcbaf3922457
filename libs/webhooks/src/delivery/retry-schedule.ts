/** When to try a webhook again. */
export interface RetrySchedule {
  /** Attempts in all, the first included; the delivery is dead-lettered after the last one fails. */
  maxAttempts: number;
  /** The wait before the second attempt, before jitter. */
  baseDelayMs: number;
  /** Each wait is this many times the one before. */
  factor: number;
  /** No wait (jitter and Retry-After included) is longer. */
  maxDelayMs: number;
}

/** 8 attempts over about 1.5 hours: waits of ~5 s, 15 s, 45 s, 2¼ min, 7 min, 20 min, 1 h (each −50 %…+0 % jitter). */
export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = { maxAttempts: 8, baseDelayMs: 5_000, factor: 3, maxDelayMs: 3_600_000 };

/**
 * The wait after failed attempt `attempt` (1-based). Exponential, with "equal jitter": between half
 * and all of the exponential step, so receivers that failed together do not all come back at once,
 * and waits still grow. A Retry-After from the receiver is honoured when it asks for longer.
 */
export function retryDelayMs(attempt: number, schedule: RetrySchedule, random: () => number, retryAfterMs?: number): number {
  const step = Math.min(schedule.maxDelayMs, schedule.baseDelayMs * schedule.factor ** (attempt - 1));
  const jittered = step / 2 + (step / 2) * random();
  return Math.round(Math.min(schedule.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0)));
}

export type StatusVerdict = 'delivered' | 'retry' | 'final';

/**
 * 2xx: delivered. 408, 429 and 5xx: the receiver may take it later. Anything else (a redirect, which
 * is not followed; 400, 401, 404, 410…) will not change by retrying: final, dead-lettered at once.
 */
export function statusVerdict(status: number): StatusVerdict {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'final';
}
