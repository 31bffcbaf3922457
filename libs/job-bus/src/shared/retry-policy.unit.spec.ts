import fc from 'fast-check';
import { backoffDelayMs, resolveRetryPolicy } from './retry-policy';

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
});
