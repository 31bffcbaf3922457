import type { EventStore, NewEvent, RecordedEvent } from '@trawl/event-store';
import { WrongExpectedRevisionError } from '@trawl/errors';
import { BatchStreams, batchRequestedEvent, batchStreamName, batchTaskId, batchUrlsAddedEvent, taskIdFromStreamName, toTaskEvent } from '@trawl/domain';
import { TaskStreams } from '@trawl/tasks';
import { BatchRelay } from './batch-relay';
import type { BatchDatasetEvent } from './batch-dataset-event';

/** An in-memory event store with a log the test drives by hand: enough for the relay's decisions. */
class MemoryStore {
  readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  async appendToStream(streamName: string, events: readonly NewEvent[], options: { expectedRevision?: unknown } = {}) {
    const stream = this.streams.get(streamName) ?? [];
    if (options.expectedRevision === 'no_stream' && stream.length > 0) {
      throw new WrongExpectedRevisionError(streamName, 'no_stream', String(stream.length - 1));
    }
    for (const event of events) {
      if (stream.some((known) => known.id === event.id)) continue;
      const recorded = { ...event, metadata: event.metadata ?? {}, streamName, revision: BigInt(stream.length), position: String(this.log.length + 1), recordedAt: new Date() } as RecordedEvent;
      stream.push(recorded);
      this.log.push(recorded);
    }
    this.streams.set(streamName, stream);
    return { nextExpectedRevision: BigInt(stream.length - 1), position: String(this.log.length) };
  }
  async readStream(streamName: string, options: { fromRevision?: bigint; maxCount?: number } = {}) {
    const from = Number(options.fromRevision ?? 0n);
    return (this.streams.get(streamName) ?? []).slice(from, options.maxCount === undefined ? undefined : from + options.maxCount);
  }
}

const WINDOW = 3;
const urls = Array.from({ length: 10 }, (_, i) => `http://127.0.0.1/p${i}`);

function setUp(window = WINDOW, batchUrls = urls) {
  const store = new MemoryStore();
  const eventStore = store as unknown as EventStore;
  const published: BatchDatasetEvent[] = [];
  const tasks = new TaskStreams(eventStore);
  const relay = new BatchRelay({
    batches: new BatchStreams(eventStore), tasks, window,
    firstTaskEvent: async (taskId) => (await store.readStream(`task-${taskId}`, { maxCount: 1 }))[0],
    publishDataset: async (message) => void published.push(message),
  });
  let delivered = 0;
  /** Delivers the log to the relay as its subscription would, until nothing new is appended. */
  const drain = async () => {
    while (delivered < store.log.length) {
      const recorded = store.log[delivered++];
      const taskId = taskIdFromStreamName(recorded.streamName);
      const event = toTaskEvent(recorded);
      if (taskId && event) await relay.onTaskEvent(recorded, taskId, event);
      else if (recorded.streamName.startsWith('batch-')) await relay.onBatchEvent(recorded, recorded.streamName.slice('batch-'.length));
    }
  };
  const requestBatch = async (batchId: string) => {
    const entries = batchUrls.map((url, i) => ({ taskId: batchTaskId(batchId, url), url, line: i + 1 }));
    await new BatchStreams(eventStore).append(batchId, [
      batchRequestedEvent({ batchId, options: { collect: ['text'], respectRobots: true }, urls: batchUrls.length, duplicates: 0, rejected: 0, now: new Date() }),
      batchUrlsAddedEvent(batchId, 0, entries),
    ]);
    return entries;
  };
  const requested = (batchId: string) => store.log.filter((event) => event.type === 'TaskRequested' && (event.data as { batchId?: string }).batchId === batchId);
  const finish = async (taskId: string) => tasks.append(taskId, [{ step: 'failed', event: { type: 'TaskFailed', data: { taskId, error: { code: 'x', message: 'x' }, failedAt: new Date().toISOString() } } }]);
  return { store, relay, drain, requestBatch, requested, finish, published, tasks };
}

describe('the relay and batches', () => {
  it('releases a window of tasks, one more per finished task, and completes once with one dataset message', async () => {
    const { drain, requestBatch, requested, finish, published, store } = setUp();
    const entries = await requestBatch('b1');
    await drain();
    expect(requested('b1').map((event) => (event.data as { url: string }).url)).toEqual(urls.slice(0, WINDOW));
    await finish(entries[0].taskId);
    await drain();
    expect(requested('b1')).toHaveLength(WINDOW + 1);
    for (const entry of entries) {
      await finish(entry.taskId);
      await drain();
      const unfinished = requested('b1').length - store.log.filter((event) => event.type === 'BatchTaskSettled').length;
      expect(unfinished).toBeLessThanOrEqual(WINDOW);
    }
    expect(requested('b1')).toHaveLength(urls.length);
    expect(store.log.filter((event) => event.type === 'BatchCompleted')).toHaveLength(1);
    expect(published).toEqual([expect.objectContaining({ type: 'BatchReady', batchId: 'b1', counts: { tasks: 10, completed: 0, failed: 10, cancelled: 0 } })]);
  });

  it('counts its release in flight: tasks settled before it comes back through the log release no more than its step', async () => {
    const many = Array.from({ length: 20 }, (_, i) => `http://127.0.0.1/q${i}`);
    const { drain, requestBatch, requested, finish, store } = setUp(8, many);
    const entries = await requestBatch('b1');
    await drain();
    // Six tasks end before the relay sees any of them: their settles, and the releases these decide,
    // reach it in turn, each release after the settles that decided it.
    for (const entry of entries.slice(0, 6)) await finish(entry.taskId);
    await drain();
    const releases = store.log.filter((event) => event.type === 'BatchTasksReleased').map((event) => (event.data as { upTo: number }).upTo);
    // A step of two (a quarter of the window); deciding on the log's state alone gave 8, 10, 11, 12, 13, 14.
    expect(releases).toEqual([8, 10, 12, 14]);
    expect(requested('b1')).toHaveLength(14);
    expect(requested('b1').length - store.log.filter((event) => event.type === 'BatchTaskSettled').length).toBeLessThanOrEqual(8);
  });

  it('interleaves two batches: each has its own window, neither waits for the other', async () => {
    const { drain, requestBatch, requested } = setUp();
    await requestBatch('b1');
    await requestBatch('b2');
    await drain();
    expect([requested('b1').length, requested('b2').length]).toEqual([WINDOW, WINDOW]);
  });

  it('after a restart (a new relay, state hydrated from the stream), requests nothing twice and goes on', async () => {
    const first = setUp();
    const entries = await first.requestBatch('b1');
    await first.drain();
    // A new relay on the same store sees the log again from the start, as after a crash before any checkpoint.
    const again = new BatchRelay({
      batches: new BatchStreams(first.store as unknown as EventStore), tasks: first.tasks, window: WINDOW,
      firstTaskEvent: async (taskId) => (await first.store.readStream(`task-${taskId}`, { maxCount: 1 }))[0],
      publishDataset: async () => undefined,
    });
    for (const recorded of [...first.store.log]) {
      if (recorded.streamName === batchStreamName('b1')) await again.onBatchEvent(recorded, 'b1');
    }
    expect(first.requested('b1')).toHaveLength(WINDOW);
    await first.finish(entries[1].taskId);
    await first.drain();
    expect(first.requested('b1')).toHaveLength(WINDOW + 1);
  });

  it('on a cancel, cancels the released unfinished tasks, releases no more, and completes as cancelled', async () => {
    const { drain, requestBatch, requested, published, store } = setUp();
    await requestBatch('b1');
    await drain();
    await new BatchStreams(store as unknown as EventStore).append('b1', [{ step: 'cancelled', event: { type: 'BatchCancelled', data: { batchId: 'b1', cancelledAt: new Date().toISOString() } } }]);
    await drain();
    expect(store.log.filter((event) => event.type === 'TaskCancelled')).toHaveLength(WINDOW);
    expect(requested('b1')).toHaveLength(WINDOW);
    expect(published).toEqual([expect.objectContaining({ type: 'BatchCancelled', counts: { tasks: 10, completed: 0, failed: 0, cancelled: 10 } })]);
  });
});
