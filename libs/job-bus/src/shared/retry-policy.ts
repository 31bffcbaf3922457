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
