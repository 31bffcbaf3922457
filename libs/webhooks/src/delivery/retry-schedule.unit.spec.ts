import { DEFAULT_RETRY_SCHEDULE, retryDelayMs, statusVerdict } from './retry-schedule';

describe('retry schedule', () => {
  it('grows exponentially, jittered between half and all of each step, capped', () => {
    const low = [1, 2, 3, 4, 5, 6, 7].map((attempt) => retryDelayMs(attempt, DEFAULT_RETRY_SCHEDULE, () => 0));
    const high = [1, 2, 3, 4, 5, 6, 7].map((attempt) => retryDelayMs(attempt, DEFAULT_RETRY_SCHEDULE, () => 1));
    expect(high).toEqual([5_000, 15_000, 45_000, 135_000, 405_000, 1_215_000, 3_600_000]);
    expect(low).toEqual(high.map((ms) => ms / 2));
  });

  it('waits at least what Retry-After asks, up to the cap', () => {
    expect(retryDelayMs(1, DEFAULT_RETRY_SCHEDULE, () => 1, 60_000)).toBe(60_000);
    expect(retryDelayMs(1, DEFAULT_RETRY_SCHEDULE, () => 1, 1_000)).toBe(5_000);
    expect(retryDelayMs(1, DEFAULT_RETRY_SCHEDULE, () => 1, 86_400_000)).toBe(3_600_000);
  });

  it.each([
    [200, 'delivered'],
    [204, 'delivered'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [301, 'final'],
    [400, 'final'],
    [401, 'final'],
    [410, 'final'],
  ])('HTTP %i is %s', (status, verdict) => {
    expect(statusVerdict(status)).toBe(verdict);
  });
});
