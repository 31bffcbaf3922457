import type { RetryPolicy } from '../job-bus.port';

/** Used where a consumer gives no retry policy of its own. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  initialDelayMs: 1_000,
  maxDelayMs: 60_000,
};

export function resolveRetryPolicy(partial: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...partial };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError(`retry.maxAttempts must be a positive integer, got ${policy.maxAttempts}`);
  }
  if (policy.initialDelayMs < 0 || policy.maxDelayMs < policy.initialDelayMs) {
    throw new RangeError('retry delays must satisfy 0 <= initialDelayMs <= maxDelayMs');
  }
  return policy;
}

/**
 * Delay before the attempt that follows `failedAttempt` (1-based): exponential, capped, with
 * "equal jitter". Half the delay is fixed so a retry is never immediate; the random half spreads
 * the retries of a burst of failures (one host going down) instead of replaying them in lockstep.
 */
export function backoffDelayMs(
  policy: RetryPolicy,
  failedAttempt: number,
  random: () => number = Math.random,
): number {
  const exponential = policy.initialDelayMs * 2 ** Math.max(0, failedAttempt - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return Math.round(capped / 2 + (random() * capped) / 2);
}

/**
 * The wait a failed handler's error asks for: a finite, non-negative number in its `retryAfterMs`
 * property (an HTTP Retry-After, as HttpStatusError carries it), else undefined.
 */
export function requestedRetryDelayMs(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('retryAfterMs' in error)) return undefined;
  const value = error.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Delay before the attempt that follows `failedAttempt`, given the error it failed with: the back-off,
 * or the delay the error asks for when that is longer, capped at `maxDelayMs`. The cap is the back-off's
 * own, on purpose: a retry that waits holds its place (Kafka: its partition's commit position and one
 * of its pending slots; local: a row the group still owes), so no server gets to park a job for an
 * hour. An operator who wants to honour longer Retry-After values raises `maxDelayMs`
 * (TRAWL_RETRY_MAX_MS).
 */
export function retryDelayMs(
  policy: RetryPolicy,
  failedAttempt: number,
  error: unknown,
  random: () => number = Math.random,
): number {
  const backoff = backoffDelayMs(policy, failedAttempt, random);
  const requested = requestedRetryDelayMs(error);
  return requested === undefined ? backoff : Math.max(backoff, Math.min(requested, policy.maxDelayMs));
}
