import { randomUUID } from 'node:crypto';
import { decide, decideRequest, steps } from '@trawl/domain';
import { SqliteEventStore } from '@trawl/event-store';
import { TaskStreams } from './task-stream';

describe('TaskStreams.refresh', () => {
  let store: SqliteEventStore;
  let streams: TaskStreams;
  const taskId = randomUUID();
  const now = new Date('2026-01-01T00:00:00Z');

  beforeEach(async () => {
    store = new SqliteEventStore({ path: ':memory:' });
    streams = new TaskStreams(store);
    const requested = decideRequest({ taskId, url: 'http://127.0.0.1/', collect: ['images'], now });
    await streams.append(taskId, [{ step: steps.requested, event: requested }]);
  });
  afterEach(async () => {
    await store.close();
  });

  it('reads only what was appended since, and folds it onto the state it was given, as a full load would', async () => {
    const first = await streams.load(taskId);
    await streams.handle(taskId, (state) => decide({ type: 'StartTask', now }, state));
    const refreshed = await streams.refresh(taskId, first);
    const full = await streams.load(taskId);
    expect(refreshed.events.map((event) => event.type)).toEqual(['TaskStarted']);
    expect(refreshed.expectedRevision).toBe(full.expectedRevision);
    expect(refreshed.state).toEqual(full.state);
    // Nothing new: the same state, no events.
    const again = await streams.refresh(taskId, refreshed);
    expect(again.events).toEqual([]);
    expect(again.state).toEqual(full.state);
  });
});
