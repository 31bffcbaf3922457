import { runReadinessChecks } from './readiness';

describe('runReadinessChecks', () => {
  it('is ready when every check is up, with each check and its details in the report', async () => {
    const report = await runReadinessChecks(
      [
        { name: 'eventStore', run: async () => undefined },
        { name: 'subscription:relay', run: async () => ({ lagEvents: 3 }) },
      ],
      1000,
    );
    expect(report).toEqual({
      status: 'ready',
      checks: {
        eventStore: { status: 'up', durationMs: expect.any(Number) },
        'subscription:relay': { status: 'up', durationMs: expect.any(Number), lagEvents: 3 },
      },
    });
  });

  it('is unready when one check fails, and says why', async () => {
    const report = await runReadinessChecks(
      [
        { name: 'eventStore', run: async () => undefined },
        { name: 'jobBus', run: async () => Promise.reject(new Error('Kafka unavailable while pinging')) },
      ],
      1000,
    );
    expect(report.status).toBe('unready');
    expect(report.checks.jobBus).toEqual({ status: 'down', durationMs: expect.any(Number), error: 'Kafka unavailable while pinging' });
    expect(report.checks.eventStore.status).toBe('up');
  });

  it('counts a check that does not answer in time as down, without waiting for it', async () => {
    const started = Date.now();
    const report = await runReadinessChecks([{ name: 'readModels', run: () => new Promise<void>(() => undefined) }], 100);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(report).toEqual({ status: 'unready', checks: { readModels: { status: 'down', durationMs: expect.any(Number), error: 'no answer within 100 ms' } } });
  });
});
