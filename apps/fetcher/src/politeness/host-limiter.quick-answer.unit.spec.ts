import { HostLimiter } from './host-limiter';
import { isQuickFinalAnswer } from './quick-answer';

/**
 * The host's gap after a quick final answer (ADR 0004), on a fake clock: jest's modern fake timers
 * move Date.now() and setTimeout together, so every start time below is exact.
 */
describe('HostLimiter: a quick final answer does not hold the host for the full delay', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  /** Starts `count` requests one after another; each is answered `answerAfterMs` later with `status`. */
  async function startTimes(limiter: HostLimiter, count: number, status: number, answerAfterMs: number, minGapMs = 0): Promise<number[]> {
    const starts: number[] = [];
    const requests = Array.from({ length: count }, async () => {
      const release = await limiter.acquire('a.test', { minGapMs });
      starts.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, answerAfterMs));
      release({ status, bytes: 300 });
    });
    await jest.advanceTimersByTimeAsync(60_000);
    await Promise.all(requests);
    return starts.map((at) => at - starts[0]!);
  }

  it('404s answered in 5 ms start a quarter of the delay apart; 200s keep the full delay', async () => {
    const missing = await startTimes(new HostLimiter({ concurrency: 4, delayMs: 200, clock: Date.now }), 5, 404, 5);
    expect(missing).toEqual([0, 50, 100, 150, 200]);
    const found = await startTimes(new HostLimiter({ concurrency: 4, delayMs: 200, clock: Date.now }), 5, 200, 5);
    expect(found).toEqual([0, 200, 400, 600, 800]);
  });

  it('a 404 that took longer than the delay, a 429 and a 408 earn nothing', async () => {
    expect(await startTimes(new HostLimiter({ concurrency: 1, delayMs: 250, clock: Date.now }), 3, 404, 300)).toEqual([0, 300, 600]);
    expect(await startTimes(new HostLimiter({ concurrency: 4, delayMs: 250, clock: Date.now }), 3, 429, 5)).toEqual([0, 250, 500]);
    expect(await startTimes(new HostLimiter({ concurrency: 4, delayMs: 250, clock: Date.now }), 3, 408, 5)).toEqual([0, 250, 500]);
  });

  it("never shortens a robots.txt Crawl-delay", async () => {
    expect(await startTimes(new HostLimiter({ concurrency: 4, delayMs: 250, clock: Date.now }), 3, 404, 5, 2000)).toEqual([0, 2000, 4000]);
  });

  it('uses the configured quick gap, and a release without an answer (a failed request) earns nothing', async () => {
    expect(await startTimes(new HostLimiter({ concurrency: 4, delayMs: 250, quickAnswerGapMs: 100, clock: Date.now }), 3, 404, 5)).toEqual([0, 100, 200]);
    const limiter = new HostLimiter({ concurrency: 4, delayMs: 250, clock: Date.now });
    const first = await limiter.acquire('a.test');
    first();
    const second = limiter.acquire('a.test');
    await jest.advanceTimersByTimeAsync(249);
    let started = false;
    void second.then(() => (started = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(started).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(started).toBe(true);
  });
});

describe('isQuickFinalAnswer', () => {
  it('is a small final 4xx answered within the delay', () => {
    expect(isQuickFinalAnswer({ status: 404, bytes: 1_000 }, 10, 250)).toBe(true);
    expect(isQuickFinalAnswer({ status: 410, bytes: 0 }, 249, 250)).toBe(true);
    expect(isQuickFinalAnswer({ status: 404, bytes: 1_000 }, 250, 250)).toBe(false);
    expect(isQuickFinalAnswer({ status: 404, bytes: 65 * 1024 }, 10, 250)).toBe(false);
    expect(isQuickFinalAnswer({ status: 200, bytes: 10 }, 10, 250)).toBe(false);
    expect(isQuickFinalAnswer({ status: 503, bytes: 10 }, 10, 250)).toBe(false);
    expect(isQuickFinalAnswer({ status: 429, bytes: 10 }, 10, 250)).toBe(false);
  });
});
