import fc from 'fast-check';
import { backoffDelayMs, requestedRetryDelayMs, resolveRetryPolicy, retryDelayMs } from './retry-policy';

describe('retry policy', () => {
  const policy = resolveRetryPolicy({ maxAttempts: 10, initialDelayMs: 100, maxDelayMs: 1_000 });

  it('doubles the delay per failed attempt up to the cap, with half of it jittered', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(policy, attempt, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(policy, attempt, () => 1))).toEqual([100, 200, 400, 800, 1_000]);
  });

  it('stays between half the capped delay and the capped delay', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const capped = Math.min(1_000, 100 * 2 ** (attempt - 1));
        const delay = backoffDelayMs(policy, attempt, () => r);
        return delay >= Math.floor(capped / 2) && delay <= capped;
      }),
    );
  });

  it('rejects a policy that could never run or never wait sensibly', () => {
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).toThrow(RangeError);
    expect(() => resolveRetryPolicy({ initialDelayMs: 500, maxDelayMs: 100 })).toThrow(RangeError);
  });

  describe('an error that asks for a delay (Retry-After)', () => {
    const asking = (retryAfterMs: unknown) => Object.assign(new Error('HTTP status 503'), { retryAfterMs });

    it('waits at least what the error asks for, never less than the back-off, at most maxDelayMs', () => {
      const median = () => 0.5;
      expect(retryDelayMs(policy, 1, asking(700), median)).toBe(700);
      expect(retryDelayMs(policy, 4, asking(10), median)).toBe(backoffDelayMs(policy, 4, median));
      expect(retryDelayMs(policy, 1, asking(3_600_000), median)).toBe(1_000);
      expect(retryDelayMs(policy, 2, new Error('no opinion'), median)).toBe(backoffDelayMs(policy, 2, median));
    });

    it('reads only a finite, non-negative number', () => {
      expect(requestedRetryDelayMs(asking(0))).toBe(0);
      expect(requestedRetryDelayMs(asking(1_500))).toBe(1_500);
      for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, '1500', null, undefined]) {
        expect(requestedRetryDelayMs(asking(bad))).toBeUndefined();
      }
      expect(requestedRetryDelayMs('a string thrown')).toBeUndefined();
      expect(requestedRetryDelayMs(undefined)).toBeUndefined();
    });
  });
});
