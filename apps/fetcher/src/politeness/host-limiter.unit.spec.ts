import { HostLimiter } from './host-limiter';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `count` tasks on `host` through the limiter, each holding its slot `holdMs`; records starts and peak concurrency. */
async function runMany(limiter: HostLimiter, host: string, count: number, holdMs: number, minGapMs = 0) {
  const starts: number[] = [];
  let running = 0;
  let peak = 0;
  await Promise.all(
    Array.from({ length: count }, async () => {
      const release = await limiter.acquire(host, { minGapMs });
      starts.push(Date.now());
      running += 1;
      peak = Math.max(peak, running);
      await sleep(holdMs);
      running -= 1;
      release();
    }),
  );
  return { starts, peak };
}

const gaps = (starts: number[]) => starts.slice(1).map((at, i) => at - starts[i]);

describe('HostLimiter', () => {
  it('runs at most `concurrency` requests to one host at once, and other hosts alongside', async () => {
    const limiter = new HostLimiter({ concurrency: 2, delayMs: 0 });
    const [a, b] = await Promise.all([runMany(limiter, 'a.test', 6, 40), runMany(limiter, 'b.test', 6, 40)]);
    expect(a.peak).toBe(2);
    expect(b.peak).toBe(2);
    expect(limiter.active('a.test')).toBe(0);
  });

  it('spaces the starts of requests to one host by delayMs, even with slots free', async () => {
    const limiter = new HostLimiter({ concurrency: 10, delayMs: 60 });
    const { starts } = await runMany(limiter, 'a.test', 4, 5);
    // Timers may fire a millisecond early by Date.now()'s rounding, never much more.
    for (const gap of gaps(starts)) expect(gap).toBeGreaterThanOrEqual(58);
  });

  it('uses a larger per-request gap (Crawl-delay) when one is asked for', async () => {
    const limiter = new HostLimiter({ concurrency: 10, delayMs: 10 });
    const { starts } = await runMany(limiter, 'a.test', 3, 1, 120);
    for (const gap of gaps(starts)) expect(gap).toBeGreaterThanOrEqual(118);
  });

  it('serves waiters first come, first served', async () => {
    const limiter = new HostLimiter({ concurrency: 1, delayMs: 0 });
    const order: number[] = [];
    const first = await limiter.acquire('a.test');
    const waiting = [1, 2, 3].map(async (n) => {
      const release = await limiter.acquire('a.test');
      order.push(n);
      release();
    });
    first();
    await Promise.all(waiting);
    expect(order).toEqual([1, 2, 3]);
  });

  it('lets an aborted waiter leave the queue without taking a slot', async () => {
    const limiter = new HostLimiter({ concurrency: 1, delayMs: 0 });
    const held = await limiter.acquire('a.test');
    const controller = new AbortController();
    const gaveUp = limiter.acquire('a.test', { signal: controller.signal });
    const next = limiter.acquire('a.test');
    controller.abort(new Error('job handed back'));
    await expect(gaveUp).rejects.toThrow('job handed back');
    held();
    held();
    const release = await next;
    expect(limiter.active('a.test')).toBe(1);
    release();
    expect(limiter.active('a.test')).toBe(0);
    await expect(limiter.acquire('a.test', { signal: AbortSignal.abort(new Error('already')) })).rejects.toThrow('already');
  });

  it('refuses settings that could never admit anyone', () => {
    expect(() => new HostLimiter({ concurrency: 0, delayMs: 0 })).toThrow(RangeError);
    expect(() => new HostLimiter({ concurrency: 1, delayMs: -1 })).toThrow(RangeError);
  });
});
