import { join } from 'node:path';
import { WorkerFailedError, WorkerOutOfMemoryError, WorkerPool, WorkerTimeoutError } from './worker-pool';

type Task = { op: 'echo'; value: unknown } | { op: 'spin'; ms: number } | { op: 'fail'; message: string } | { op: 'exit' } | { op: 'hog' } | { op: 'churn' };
type Result = { value: unknown; threadId: number };

const SCRIPTED = join(__dirname, 'test-support', 'scripted.worker.js');

describe('WorkerPool', () => {
  let pool: WorkerPool<Task, Result>;
  const open = (options: { size?: number; timeoutMs?: number; maxHeapMb?: number; maxYoungGenerationMb?: number } = {}) => {
    pool = new WorkerPool<Task, Result>({ file: SCRIPTED, size: options.size ?? 2, timeoutMs: options.timeoutMs ?? 10_000, maxHeapMb: options.maxHeapMb ?? 64, maxYoungGenerationMb: options.maxYoungGenerationMb });
    return pool;
  };
  afterEach(async () => {
    await pool?.close();
  });

  it('runs tasks on at most `size` threads, other than the main one', async () => {
    open({ size: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, (_, value) => pool.run({ op: 'echo', value })));
    expect(results.map((result) => result.value)).toEqual([0, 1, 2, 3, 4, 5]);
    const threads = new Set(results.map((result) => result.threadId));
    expect(threads.size).toBeLessThanOrEqual(2);
    expect(threads.has(0)).toBe(false);
  });

  it('warms: a worker started before any task serves the first one, and tasks queued while it starts start no other', async () => {
    open({ size: 2 });
    const warmed = pool.warm();
    const first = pool.run({ op: 'echo', value: 1 });
    await expect(warmed).resolves.toBe(true);
    const { threadId } = await first;
    // Warm already: answered at once, and the same single thread serves the next task.
    await expect(pool.warm()).resolves.toBe(true);
    await expect(pool.run({ op: 'echo', value: 2 })).resolves.toEqual({ value: 2, threadId });
  });

  it('warms to false when the worker cannot start, and when the pool is closed', async () => {
    pool = new WorkerPool<Task, Result>({ file: join(__dirname, 'test-support', 'broken.worker.js'), size: 1, timeoutMs: 10_000, maxHeapMb: 64 });
    await expect(pool.warm()).resolves.toBe(false);
    await pool.close();
    await expect(pool.warm()).resolves.toBe(false);
  });

  it('terminates a task past the time limit while the event loop stays free, then carries on', async () => {
    open({ size: 1, timeoutMs: 500 });
    await pool.run({ op: 'echo', value: 'warm' });
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 50);
    const started = Date.now();
    await expect(pool.run({ op: 'spin', ms: 60_000 })).rejects.toBeInstanceOf(WorkerTimeoutError);
    clearInterval(ticker);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(ticks).toBeGreaterThanOrEqual(5);
    await expect(pool.run({ op: 'echo', value: 'after' })).resolves.toMatchObject({ value: 'after' });
  });

  it('reports a worker that runs out of its heap, and replaces it', async () => {
    open({ size: 1, maxHeapMb: 64 });
    await expect(pool.run({ op: 'hog' })).rejects.toBeInstanceOf(WorkerOutOfMemoryError);
    await expect(pool.run({ op: 'echo', value: 1 })).resolves.toMatchObject({ value: 1 });
  });

  it("bounds a worker's young generation when asked, where V8's default lets it grow far larger", async () => {
    const MiB = 1024 * 1024;
    open({ size: 1, maxYoungGenerationMb: 16 });
    const bounded = (await pool.run({ op: 'churn' })).value as number;
    await pool.close();
    open({ size: 1 });
    const unbounded = (await pool.run({ op: 'churn' })).value as number;
    expect(bounded).toBeLessThanOrEqual(16 * MiB);
    expect(unbounded).toBeGreaterThan(bounded);
  });

  it('passes on a task error, and survives a worker that exits', async () => {
    open({ size: 1 });
    await expect(pool.run({ op: 'fail', message: 'no good' })).rejects.toEqual(new WorkerFailedError('no good'));
    await expect(pool.run({ op: 'exit' })).rejects.toThrow(/exited with code 3/);
    await expect(pool.run({ op: 'echo', value: 2 })).resolves.toMatchObject({ value: 2 });
  });

  it('fails the waiting tasks, one per attempt, when the worker cannot even start', async () => {
    pool = new WorkerPool<Task, Result>({ file: join(__dirname, 'test-support', 'broken.worker.js'), size: 1, timeoutMs: 10_000, maxHeapMb: 64 });
    const outcomes = await Promise.allSettled([pool.run({ op: 'echo', value: 1 }), pool.run({ op: 'echo', value: 2 })]);
    for (const outcome of outcomes) expect(outcome).toMatchObject({ status: 'rejected', reason: expect.any(WorkerFailedError) });
    expect((outcomes[0] as PromiseRejectedResult).reason.message).toMatch(/cannot start/);
  });

  it('stops a running task when its caller aborts, and drops a queued one', async () => {
    open({ size: 1 });
    await pool.run({ op: 'echo', value: 'warm' });
    const running = new AbortController();
    const queued = new AbortController();
    const first = pool.run({ op: 'spin', ms: 60_000 }, running.signal);
    const second = pool.run({ op: 'echo', value: 'never' }, queued.signal);
    queued.abort(new Error('queued task aborted'));
    await expect(second).rejects.toThrow('queued task aborted');
    running.abort(new Error('running task aborted'));
    await expect(first).rejects.toThrow('running task aborted');
    await expect(pool.run({ op: 'echo', value: 3 })).resolves.toMatchObject({ value: 3 });
  });

  it('fails running and queued tasks on close, and refuses new ones', async () => {
    open({ size: 1 });
    await pool.run({ op: 'echo', value: 'warm' });
    const running = pool.run({ op: 'spin', ms: 60_000 });
    const queued = pool.run({ op: 'echo', value: 'queued' });
    const outcomes = Promise.allSettled([running, queued]);
    await pool.close();
    for (const outcome of await outcomes) expect(outcome).toMatchObject({ status: 'rejected', reason: expect.any(WorkerFailedError) });
    await expect(pool.run({ op: 'echo', value: 'late' })).rejects.toThrow(/closed/);
  });
});
