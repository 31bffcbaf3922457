import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@trawl/event-store';
import { BatchStreams, batchRequestedEvent, batchStreamName, batchSteps, batchTaskId, batchUrlsAddedEvent, type BatchStepEvent } from '@trawl/domain';
import { batchWatch } from './batch-watch';
import { DeliveryJournal } from './delivery-journal';

const now = new Date('2026-12-01T10:00:00Z');

describe('batch watch: a batch stream from the store-wide log (SQLite store)', () => {
  let store: SqliteEventStore;
  let streams: BatchStreams;
  const batchId = randomUUID();
  const urls = ['http://127.0.0.1/a', 'http://127.0.0.1/b'];
  const entries = urls.map((url, i) => ({ taskId: batchTaskId(batchId, url), url, line: i + 1 }));
  const settle = (i: number, status: 'completed' | 'failed'): BatchStepEvent => ({
    step: batchSteps.settled(entries[i].taskId),
    event: { type: 'BatchTaskSettled', data: { batchId, taskId: entries[i].taskId, status } },
  });

  beforeAll(async () => {
    store = new SqliteEventStore({ path: ':memory:' });
    streams = new BatchStreams(store);
    const webhook = { url: 'http://127.0.0.1:9/hook', events: ['final' as const, 'progress' as const] };
    await streams.append(batchId, [batchRequestedEvent({ batchId, options: { collect: ['text'], respectRobots: true }, urls: 2, duplicates: 0, rejected: 0, now, webhook })], { expectedRevision: 'no_stream' });
    await streams.append(batchId, [batchUrlsAddedEvent(batchId, 0, entries), { step: batchSteps.released(2), event: { type: 'BatchTasksReleased', data: { batchId, upTo: 2 } } }]);
    await streams.append(batchId, [settle(0, 'completed')]);
    // A progress delivery the notifier recorded in the batch's stream, between the batch's own events.
    await new DeliveryJournal(store).record(batchStreamName(batchId), batchId, { type: 'WebhookDelivered', data: { deliveryId: 'whd_1', eventType: 'batch.progress', url: webhook.url, attempts: 1, at: now.toISOString() } });
    await streams.append(batchId, [settle(1, 'failed')]);
    await streams.append(batchId, [{ step: batchSteps.completed, event: { type: 'BatchCompleted', data: { batchId, counts: { tasks: 2, completed: 1, failed: 1, cancelled: 0 }, completedAt: now.toISOString() } } }]);
  });
  afterAll(() => store.close());

  const readEarlier = (recorded: { revision: bigint }, id: string) => streams.read(id, recorded.revision);

  it('passes over the webhook records, and the batch fold ignores them too', async () => {
    const recorded = await store.readStream(batchStreamName(batchId));
    const watch = batchWatch(readEarlier);
    const found = [];
    for (const event of recorded) found.push((await watch.apply(event, batchId))?.notification ?? null);
    expect(recorded.map((event) => event.type)).toEqual(['BatchRequested', 'BatchUrlsAdded', 'BatchTasksReleased', 'BatchTaskSettled', 'WebhookDelivered', 'BatchTaskSettled', 'BatchCompleted']);
    expect(found).toEqual([null, null, 'progress', 'progress', null, 'progress', 'final']);
    expect(watch.watched).toBe(0);
    const state = await streams.load(batchId);
    expect(state).toMatchObject({ released: 2, completed: true });
    expect(state?.settled.size).toBe(2);
  });

  it('hydrates a batch first seen mid-stream (after a restart) from its earlier events, webhook included', async () => {
    const recorded = await store.readStream(batchStreamName(batchId));
    const watch = batchWatch(readEarlier);
    const last = await watch.apply(recorded.at(-1)!, batchId);
    expect(last).toMatchObject({ notification: 'final', state: { status: 'completed', tasks: 2, completed: 1, failed: 1, webhook: { url: 'http://127.0.0.1:9/hook' } } });
    // Once final, the batch is remembered as finished: a replay of its end sends nothing more.
    expect(await watch.apply(recorded.at(-1)!, batchId)).toBeNull();
  });
});
