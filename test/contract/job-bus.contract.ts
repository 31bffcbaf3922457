import { createJobBus, type ConsumeOptions, type JobBus, type JobBusConfig, type JobConsumer } from '@trawl/job-bus';
import { describeJobBusFailureContract } from './job-bus-failure.contract';
import { describeJobBusRetryAfterContract } from './job-bus-retry-after.contract';
import { gate, Recorder, sleep, TEST_TIMEOUT_MS, uniqueName, waitFor } from './job-bus.fixtures';

/** What a contract test gets: fresh names, a recorder, and members on buses of the adapter. */
export interface JobBusContractContext {
  config: JobBusConfig;
  topic: string;
  recorder: Recorder;
  /** A bus of its own (its own connection), closed after the test. */
  bus(): JobBus;
  /** A member on a bus of its own, recording its jobs as `name`; `then` runs after recording. */
  member(name: string, options: Partial<ConsumeOptions> & { group: string }, then?: Parameters<Recorder['handler']>[1]): Promise<JobConsumer>;
  /** Where a test registers cleanup that must run before the buses close (child processes). */
  onCleanup(cleanup: () => Promise<void>): void;
}

export interface JobBusContractOptions {
  /** Longer than the adapter's liveness timeout (lease, session): a job this long needs heartbeats. */
  outlastLivenessMs: number;
}

/**
 * The job bus port's contract. `factory` returns the config of an isolated bus for one test
 * (a fresh file, or brokers where topics and groups are made unique by the suite).
 */
export function describeJobBusContract(
  adapterName: string,
  factory: () => JobBusConfig | Promise<JobBusConfig>,
  options: JobBusContractOptions,
): void {
  describe('contract: job bus [' + adapterName + ']', () => {
    const context = {} as JobBusContractContext;
    let buses: JobBus[] = [];
    let cleanups: Array<() => Promise<void>> = [];

    beforeEach(async () => {
      buses = [];
      cleanups = [];
      context.config = await factory();
      context.topic = uniqueName('jobs');
      context.recorder = new Recorder();
      context.bus = () => {
        const bus = createJobBus(context.config);
        buses.push(bus);
        return bus;
      };
      context.member = (name, consumeOptions, then) =>
        context.bus().consume({ topic: context.topic, handler: context.recorder.handler(name, then), ...consumeOptions });
      context.onCleanup = (cleanup) => cleanups.push(cleanup);
    });

    afterEach(async () => {
      await Promise.allSettled(cleanups.map((cleanup) => cleanup()));
      await Promise.allSettled(buses.map((bus) => bus.close()));
    });

    it('delivers a job with its id, key, payload and headers; an id is made when none is given', async () => {
      const { topic, recorder } = context;
      await context.member('a', { group: uniqueName('group') });
      await context.bus().publish(topic, [
        { id: 'job-1', key: 'example.org', payload: { url: 'https://example.org/', depth: 2 }, headers: { 'trace-id': 'abc' } },
        { key: 'example.net', payload: [1, 'two'] },
      ]);
      await waitFor(() => recorder.handled.length >= 2, 'both jobs');
      const first = recorder.handled.find((h) => h.job.id === 'job-1');
      const second = recorder.handled.find((h) => h.job.id !== 'job-1');
      expect(first?.job).toEqual({
        id: 'job-1',
        topic,
        key: 'example.org',
        payload: { url: 'https://example.org/', depth: 2 },
        attempt: 1,
        headers: { 'trace-id': 'abc' },
      });
      expect(second?.job).toEqual({ id: expect.stringMatching(/^\S{8,}$/), topic, key: 'example.net', payload: [1, 'two'], attempt: 1, headers: {} });
    }, TEST_TIMEOUT_MS);

    it('shares the jobs of a topic among the members of a group, each job to exactly one member', async () => {
      const { topic, recorder } = context;
      const group = uniqueName('group');
      await context.member('a', { group, concurrency: 2 }, () => sleep(20));
      await context.member('b', { group, concurrency: 2 }, () => sleep(20));
      const ids = Array.from({ length: 24 }, (_, i) => `job-${i}`);
      await context.bus().publish(topic, ids.map((id, i) => ({ id, key: `host-${i}.test`, payload: { i } })));
      await waitFor(() => ids.every((id) => recorder.has(id)), 'every job handled');
      await sleep(500);
      expect(ids.map((id) => recorder.count(id))).toEqual(ids.map(() => 1));
      expect(recorder.ids('a').length).toBeGreaterThan(0);
      expect(recorder.ids('b').length).toBeGreaterThan(0);
    }, TEST_TIMEOUT_MS);

    it('gives every job to each group, including jobs published before the group first consumed', async () => {
      const { topic, recorder } = context;
      const ids = Array.from({ length: 6 }, (_, i) => `job-${i}`);
      await context.bus().publish(topic, ids.map((id, i) => ({ id, key: `host-${i}.test`, payload: i })));
      await context.member('first', { group: uniqueName('first') });
      await context.member('second', { group: uniqueName('second') });
      await waitFor(() => ids.every((id) => recorder.has(id, 'first') && recorder.has(id, 'second')), 'both groups');
      expect(new Set(recorder.ids('first'))).toEqual(new Set(ids));
      expect(new Set(recorder.ids('second'))).toEqual(new Set(ids));
    }, TEST_TIMEOUT_MS);

    it('keeps a job that runs longer than the liveness timeout with its member', async () => {
      const { recorder } = context;
      const group = uniqueName('group');
      let finished = 0;
      const long = async (_job: unknown, ctx: { heartbeat(): Promise<void> }): Promise<void> => {
        const end = Date.now() + options.outlastLivenessMs;
        while (Date.now() < end) {
          await ctx.heartbeat();
          await sleep(250);
        }
        finished += 1;
      };
      await context.member('a', { group }, long);
      await context.member('b', { group }, long);
      await context.bus().publish(context.topic, [{ id: 'long', key: 'slow.test', payload: null }]);
      await waitFor(() => finished === 1, 'the long job', options.outlastLivenessMs + 30_000);
      await sleep(500);
      expect(recorder.count('long')).toBe(1);
    }, options.outlastLivenessMs + TEST_TIMEOUT_MS);

    it('reports the jobs a group has not finished as its lag: 0 once they are done, and for a topic never used', async () => {
      const { topic, recorder } = context;
      const group = uniqueName('group');
      const bus = context.bus();
      expect(await bus.lag(uniqueName('never-used'), group)).toBe(0);
      const release = gate();
      await context.member('a', { group, concurrency: 1 }, () => release.opened);
      const ids = ['job-1', 'job-2', 'job-3', 'job-4'];
      await bus.publish(topic, ids.map((id) => ({ id, key: 'one-host.test', payload: null })));
      await waitFor(() => recorder.handled.length === 1, 'the first job to be in hand');
      // The job in hand counts too: it is not finished until its handler resolved.
      expect(await bus.lag(topic, group)).toBe(4);
      release.open();
      await waitFor(() => ids.every((id) => recorder.has(id)), 'every job handled');
      let lag = await bus.lag(topic, group);
      for (const deadline = Date.now() + 20_000; lag !== 0 && Date.now() < deadline; lag = await bus.lag(topic, group)) await sleep(100);
      expect(lag).toBe(0);
    }, TEST_TIMEOUT_MS);

    describeJobBusFailureContract(context);
    describeJobBusRetryAfterContract(context);
  });
}
