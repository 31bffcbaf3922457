import type { JobBusContractContext } from './job-bus.contract';
import { TEST_TIMEOUT_MS, uniqueName, waitFor } from './job-bus.fixtures';

/** An error as HttpStatusError is for a 429/503 with Retry-After: it carries `retryAfterMs`. */
function askingToWait(retryAfterMs: number): Error {
  return Object.assign(new Error(`HTTP status 503, Retry-After ${retryAfterMs} ms`), { retryAfterMs });
}

/**
 * The contract's half about Retry-After: a handler's error may ask for a longer wait than the back-off,
 * and gets it, up to the policy's maxDelayMs. `context` is filled in by the contract's beforeEach.
 */
export function describeJobBusRetryAfterContract(context: JobBusContractContext): void {
  it("waits at least the delay a failed handler's error asks for (retryAfterMs), capped at maxDelayMs", async () => {
    const { recorder } = context;
    // The back-off alone would retry within 20 ms.
    const retry = { maxAttempts: 2, initialDelayMs: 20, maxDelayMs: 1_500 };
    await context.member('a', { group: uniqueName('group'), retry, concurrency: 2 }, async (job) => {
      if (job.attempt === 1) throw askingToWait(job.id === 'patient' ? 1_000 : 3_600_000);
    });
    await context.bus().publish(context.topic, [
      { id: 'patient', key: 'throttled.test', payload: null },
      { id: 'capped', key: 'very-throttled.test', payload: null },
    ]);
    const attempts = (id: string) => recorder.handled.filter((h) => h.job.id === id);
    await waitFor(() => attempts('patient').length === 2 && attempts('capped').length === 2, 'the second attempts', 20_000);
    const gap = (id: string) => attempts(id)[1].at - attempts(id)[0].at;
    expect(attempts('patient').map((h) => h.job.attempt)).toEqual([1, 2]);
    expect(gap('patient')).toBeGreaterThanOrEqual(1_000);
    expect(gap('capped')).toBeGreaterThanOrEqual(1_500);
    expect(gap('capped')).toBeLessThan(10_000);
  }, TEST_TIMEOUT_MS);
}
