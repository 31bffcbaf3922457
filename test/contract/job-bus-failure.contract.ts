import type { JobBusContractContext } from './job-bus.contract';
import { MemberProcess } from './job-bus-member.process';
import { gate, KILL_TEST_TIMEOUT_MS, sleep, TEST_TIMEOUT_MS, uniqueName, untilAborted, waitFor } from './job-bus.fixtures';

/**
 * The contract's half about things going wrong: stops, kills, slow and failing handlers.
 * `context` is filled in by the contract's beforeEach.
 */
export function describeJobBusFailureContract(context: JobBusContractContext): void {
  /** Publishes a sentinel on `key` and waits for `member` to take it: what came before is settled. */
  async function drainWithSentinel(member: string, key: string): Promise<void> {
    await context.bus().publish(context.topic, [{ id: 'sentinel', key, payload: null }]);
    await waitFor(() => context.recorder.has('sentinel', member), 'the sentinel');
  }

  it('commits a job only after its handler succeeded: a member stopped mid-job hands it back', async () => {
    const { recorder } = context;
    const group = uniqueName('group');
    const first = await context.member('a', { group }, async (job, ctx) => {
      if (job.id === 'held') await untilAborted(ctx.signal);
    });
    await context.bus().publish(context.topic, [
      { id: 'done', key: 'same.test', payload: 1 },
      { id: 'held', key: 'same.test', payload: 2 },
    ]);
    await waitFor(() => recorder.has('done', 'a') && recorder.has('held', 'a'), 'both jobs at a');
    await first.stop();
    await context.member('b', { group });
    await waitFor(() => recorder.has('held', 'b'), 'the held job at b');
    expect(recorder.ids('b')).toEqual(['held']);
    expect(recorder.handled.find((h) => h.member === 'b')?.job.attempt).toBe(1);
  }, TEST_TIMEOUT_MS);

  it('gives the job of a member killed while handling it to another member', async () => {
    const { recorder } = context;
    const group = uniqueName('group');
    const child = new MemberProcess(context.config, context.topic, group);
    context.onCleanup(() => child.kill());
    await child.ready(60_000);
    await context.bus().publish(context.topic, [{ id: 'orphan', key: 'killed.test', payload: { n: 1 } }]);
    expect(await child.handling(30_000)).toBe('orphan');
    await child.kill();
    await context.member('survivor', { group });
    await waitFor(() => recorder.has('orphan', 'survivor'), 'the orphan at the survivor', 60_000);
    expect(recorder.handled[0]?.job).toMatchObject({ id: 'orphan', payload: { n: 1 }, attempt: 1 });
  }, KILL_TEST_TIMEOUT_MS);

  it('lets a slow job hold up neither the other jobs of its member nor those of its key', async () => {
    const { recorder } = context;
    const group = uniqueName('group');
    const slow = gate();
    const finished = new Set<string>();
    const first = await context.member('a', { group, concurrency: 3 }, async (job) => {
      if (job.id === 'slow') await slow.opened;
      finished.add(job.id);
    });
    const fast = Array.from({ length: 6 }, (_, i) => `fast-${i}`);
    await context.bus().publish(context.topic, [
      { id: 'slow', key: 'one-host.test', payload: null },
      ...fast.map((id) => ({ id, key: 'one-host.test', payload: null })),
    ]);
    await waitFor(() => fast.every((id) => finished.has(id)), 'the fast jobs');
    expect(finished.has('slow')).toBe(false);
    slow.open();
    await waitFor(() => finished.has('slow'), 'the slow job');
    await first.stop();
    // Out-of-order completion, in-order commit: a new member finds nothing left over.
    await context.member('b', { group });
    await drainWithSentinel('b', 'one-host.test');
    expect(recorder.ids('b')).toEqual(['sentinel']);
  }, TEST_TIMEOUT_MS);

  it('retries a failing job with back-off, then puts it on the dead-letter topic with the error', async () => {
    const { recorder, topic } = context;
    const retry = { maxAttempts: 3, initialDelayMs: 200, maxDelayMs: 400 };
    await context.member('a', { group: uniqueName('group'), retry, concurrency: 2 }, async (job) => {
      if (job.id === 'doomed' || job.attempt === 1) throw new Error(`boom on attempt ${job.attempt}`);
    });
    await context.member('dead', { topic: `${topic}.dead-letter`, group: uniqueName('dead') });
    await context.bus().publish(topic, [
      { id: 'doomed', key: 'failing.test', payload: { n: 1 }, headers: { 'trace-id': 't-1' } },
      { id: 'flaky', key: 'flaky.test', payload: { n: 2 } },
    ]);
    await waitFor(() => recorder.has('doomed', 'dead'), 'the dead letter');
    const attempts = recorder.handled.filter((h) => h.member === 'a' && h.job.id === 'doomed');
    expect(attempts.map((h) => h.job.attempt)).toEqual([1, 2, 3]);
    // Equal jitter: at least half of 200 ms, then half of 400 ms.
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(90);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(190);
    const dead = recorder.handled.find((h) => h.member === 'dead')?.job;
    expect(dead).toMatchObject({ id: 'doomed', topic: `${topic}.dead-letter`, key: 'failing.test', payload: { n: 1 } });
    expect(dead?.headers).toEqual({
      'trace-id': 't-1',
      error: expect.stringContaining('boom on attempt 3'),
      attempts: '3',
      'original-topic': topic,
    });
    const flaky = recorder.handled.filter((h) => h.job.id === 'flaky');
    expect(flaky.map((h) => [h.member, h.job.attempt])).toEqual([['a', 1], ['a', 2]]);
  }, TEST_TIMEOUT_MS);

  it('keeps a retry within its group: another group sees the job once, as a first attempt', async () => {
    const { recorder, topic } = context;
    const retry = { maxAttempts: 2, initialDelayMs: 50, maxDelayMs: 100 };
    await context.member('failing', { group: uniqueName('failing'), retry }, async (job) => {
      if (job.attempt === 1) throw new Error('fails once');
    });
    await context.member('other', { group: uniqueName('other') });
    await context.bus().publish(topic, [{ id: 'shared', key: 'shared.test', payload: null }]);
    await waitFor(() => recorder.has('shared', 'other') && recorder.count('shared') >= 3, 'both groups');
    await drainWithSentinel('other', 'shared.test');
    const seenByOther = recorder.handled.filter((h) => h.member === 'other').map((h) => [h.job.id, h.job.attempt]);
    expect(seenByOther).toEqual([['shared', 1], ['sentinel', 1]]);
  }, TEST_TIMEOUT_MS);

  it('stops gracefully: in-flight work finishes and is committed', async () => {
    const { recorder } = context;
    const group = uniqueName('group');
    let finishedUnaborted = false;
    const first = await context.member('a', { group }, async (_job, ctx) => {
      await sleep(400);
      finishedUnaborted = !ctx.signal.aborted;
    });
    await context.bus().publish(context.topic, [{ id: 'in-flight', key: 'graceful.test', payload: null }]);
    await waitFor(() => recorder.has('in-flight', 'a'), 'the job at a');
    await first.stop();
    expect(finishedUnaborted).toBe(true);
    await context.member('b', { group });
    await drainWithSentinel('b', 'graceful.test');
    expect(recorder.ids('b')).toEqual(['sentinel']);
  }, TEST_TIMEOUT_MS);
}
