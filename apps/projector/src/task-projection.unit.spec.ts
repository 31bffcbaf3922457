import type { RecordedEvent } from '@trawl/event-store';
import type { TaskEvent } from '@trawl/domain';
import { SqliteReadModelStore } from '@trawl/read-models';
import { projectImageRows } from '@trawl/tasks';
import { applyToReadModels } from './task-projection';
import { TaskMemory } from './task-memo';

const at = '2026-01-02T03:04:05.000Z';
const image = (imageId: string, ordinal: number) => ({ imageId, url: `http://127.0.0.1/${imageId}.png`, ordinal });
const stored = (imageId: string): TaskEvent => ({
  type: 'ImageStored',
  data: { taskId: 't1', imageId, sourceUrl: `http://127.0.0.1/${imageId}.png`, sha256: 'a'.repeat(64), contentType: 'image/png', format: 'png', width: 1, height: 1, bytes: 5, storedAt: at },
});
const events: TaskEvent[] = [
  { type: 'TaskRequested', data: { taskId: 't1', url: 'http://127.0.0.1/', collect: ['images'], requestedAt: at, respectRobots: true } },
  { type: 'TaskStarted', data: { taskId: 't1', startedAt: at } },
  { type: 'PageFetched', data: { taskId: 't1', finalUrl: 'http://127.0.0.1/', httpStatus: 200, contentType: 'text/html', charset: 'utf-8', bytes: 1, title: null, text: null, imagesFound: 2, imagesTruncated: false, fetchedAt: at } },
  { type: 'ImagesDiscovered', data: { taskId: 't1', images: [image('a', 0), image('b', 1)] } },
  stored('a'),
  { type: 'ImageFailed', data: { taskId: 't1', imageId: 'b', sourceUrl: 'http://127.0.0.1/b.png', error: { code: 'http-status', message: 'HTTP 404' }, failedAt: at } },
  { type: 'TaskCompleted', data: { taskId: 't1', imagesStored: 1, imagesFailed: 1, completedAt: at } },
];
const recorded = events.map((event, revision) => ({
  id: `e${revision}`, type: event.type, data: event.data, metadata: {}, streamName: 'task-t1', revision: BigInt(revision), position: String(revision + 1), recordedAt: new Date(at),
})) as RecordedEvent[];

describe('applyToReadModels (batches, on the SQLite read models)', () => {
  let store: SqliteReadModelStore;
  beforeEach(() => (store = new SqliteReadModelStore(':memory:')));
  afterEach(() => store.close());

  it('folds a whole task in one batch: counts, status and rows', async () => {
    await applyToReadModels(store, recorded);
    expect(await store.getTask('t1')).toMatchObject({ status: 'completed', revision: 6, progress: { imagesFound: 2, imagesStored: 1, imagesFailed: 1 } });
    expect(await store.countImages('t1')).toEqual({ pending: 0, stored: 1, failed: 1 });
  });

  it('gives the same result one event at a time, and when a batch is applied twice', async () => {
    for (const event of recorded) await applyToReadModels(store, [event]);
    await applyToReadModels(store, recorded);
    expect(await store.getTask('t1')).toMatchObject({ status: 'completed', progress: { imagesFound: 2, imagesStored: 1, imagesFailed: 1 } });
  });

  it('counts outcomes whose rows a crash left written without the view', async () => {
    await applyToReadModels(store, recorded.slice(0, 4));
    // The batch of the outcomes wrote its rows, then the process died before the view.
    await store.saveImages(recorded.slice(4, 6).flatMap((event, i) => projectImageRows(events[4 + i], { revision: Number(event.revision), recordedAt: at, ordinalOf: () => i })));
    await applyToReadModels(store, recorded.slice(4));
    expect(await store.getTask('t1')).toMatchObject({ status: 'completed', progress: { imagesStored: 1, imagesFailed: 1 } });
  });

  it('keeps a newer view when a shorter batch replays a task from its start (a crash after the views, before the checkpoint)', async () => {
    await applyToReadModels(store, recorded);
    await applyToReadModels(store, recorded.slice(0, 5)); // folded from nothing: the stored view is newer
    expect(await store.getTask('t1')).toMatchObject({ status: 'completed', revision: 6, progress: { imagesStored: 1, imagesFailed: 1 } });
    await applyToReadModels(store, recorded.slice(5));
    expect(await store.getTask('t1')).toMatchObject({ status: 'completed', revision: 6, progress: { imagesStored: 1, imagesFailed: 1 } });
    expect(await store.countImages('t1')).toEqual({ pending: 0, stored: 1, failed: 1 });
  });

  it('reads nothing back for a task that starts in the batch, nor with a memory for one it wrote before', async () => {
    const reads = countingReads(store);
    const memory = new TaskMemory();
    for (const part of [recorded.slice(0, 3), recorded.slice(3, 5), recorded.slice(5)]) await applyToReadModels(reads.store, part, memory);
    expect(reads.count).toBe(0);
    expect(await store.getTask('t1')).toMatchObject({ status: 'completed', progress: { imagesFound: 2, imagesStored: 1, imagesFailed: 1 } });
    // The same batches without a memory read the task (and the outcomes' rows) back.
    const again = new SqliteReadModelStore(':memory:');
    const counted = countingReads(again);
    for (const part of [recorded.slice(0, 3), recorded.slice(3, 5), recorded.slice(5)]) await applyToReadModels(counted.store, part);
    expect(counted.count).toBeGreaterThan(0);
    expect(await again.getTask('t1')).toEqual(await store.getTask('t1'));
    await again.close();
  });

  it('forgets what it remembered when a batch fails, and reads it back from the store', async () => {
    const memory = new TaskMemory();
    const other = recorded.slice(0, 2).map((event) => ({ ...event, streamName: 'task-t2', data: { ...(event.data as object), taskId: 't2' } })) as RecordedEvent[];
    await applyToReadModels(store, [...recorded.slice(0, 4), ...other], memory);
    const failing = Object.create(store) as SqliteReadModelStore;
    failing.saveTasks = () => Promise.reject(new Error('store down'));
    await expect(applyToReadModels(failing, recorded.slice(4, 5), memory)).rejects.toThrow('store down');
    expect(memory.take('t2')).toBeUndefined(); // not in the failed batch, forgotten all the same
    const reads = countingReads(store);
    await applyToReadModels(reads.store, recorded.slice(4), memory); // the row of event 4 is there, written by the failed batch
    expect(reads.count).toBeGreaterThan(0);
    expect(await store.getTask('t1')).toMatchObject({ status: 'completed', progress: { imagesStored: 1, imagesFailed: 1 } });
  });

  it('does not move the counts of a cancelled task for downloads that finished after the cancel', async () => {
    const cancelled = { ...recorded[4], id: 'c', type: 'TaskCancelled', data: { taskId: 't1', cancelledAt: at } } as RecordedEvent;
    const late = { ...recorded[4], revision: 5n, position: '6' };
    await applyToReadModels(store, [...recorded.slice(0, 4), cancelled, late]);
    expect(await store.getTask('t1')).toMatchObject({ status: 'cancelled', progress: { imagesStored: 0, imagesFailed: 0 } });
    expect(await store.countImages('t1')).toEqual({ pending: 2, stored: 0, failed: 0 });
  });
});

/** The store, counting the reads the projection makes of task views and image rows. */
function countingReads(store: SqliteReadModelStore): { store: SqliteReadModelStore; count: number } {
  const counted = { store: Object.create(store) as SqliteReadModelStore, count: 0 };
  counted.store.getTasks = (ids) => ((counted.count += 1), store.getTasks(ids));
  counted.store.getImages = (taskId, ids) => ((counted.count += 1), store.getImages(taskId, ids));
  return counted;
}
