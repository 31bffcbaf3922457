import type { RecordedEvent } from '@trawl/event-store';
import { batchStreamName, batchTaskId, taskStreamName, type BatchEvent, type TaskEvent } from '@trawl/domain';
import { SqliteReadModelStore, type ReadModelStore } from '@trawl/read-models';
import { applyToReadModels } from './task-projection';

const at = '2026-01-02T03:04:05.000Z';
const batchId = 'b1';
const urls = ['http://127.0.0.1/a', 'http://127.0.0.1/b', 'http://127.0.0.1/c'];
const [t1, t2, t3] = urls.map((url) => batchTaskId(batchId, url));

type Step = [stream: string, event: BatchEvent | TaskEvent];
const b = (event: BatchEvent): Step => [batchStreamName(batchId), event];
const t = (taskId: string, event: TaskEvent): Step => [taskStreamName(taskId), event];
const requested = (taskId: string, url: string): TaskEvent => ({ type: 'TaskRequested', data: { taskId, url, collect: ['text', 'images'], requestedAt: at, respectRobots: true, batchId } });
const page = (taskId: string, imagesFound: number): TaskEvent => ({
  type: 'PageFetched',
  data: { taskId, finalUrl: 'x', httpStatus: 200, contentType: 'text/html', charset: 'utf-8', bytes: 1, title: null, text: { sha256: 'c'.repeat(64), bytes: 10 }, imagesFound, imagesTruncated: false, fetchedAt: at },
});
const stored = (taskId: string, imageId: string): TaskEvent => ({
  type: 'ImageStored',
  data: { taskId, imageId, sourceUrl: `http://127.0.0.1/${imageId}.png`, sha256: 'a'.repeat(64), contentType: 'image/png', format: 'png', width: 1, height: 1, bytes: 5, storedAt: at },
});
const steps: Step[] = [
  b({ type: 'BatchRequested', data: { batchId, options: { collect: ['text', 'images'], respectRobots: true }, requestedAt: at, urls: 3, duplicates: 1, rejected: 2 } }),
  b({ type: 'BatchUrlsAdded', data: { batchId, chunk: 0, entries: urls.map((url, i) => ({ taskId: batchTaskId(batchId, url), url, line: i + 1 })) } }),
  b({ type: 'BatchTasksReleased', data: { batchId, upTo: 2 } }),
  t(t1, requested(t1, urls[0])),
  t(t2, requested(t2, urls[1])),
  t(t1, { type: 'TaskStarted', data: { taskId: t1, startedAt: at } }),
  t(t1, page(t1, 2)),
  t(t1, { type: 'ImagesDiscovered', data: { taskId: t1, images: [{ imageId: 'i1', url: 'http://127.0.0.1/i1.png', ordinal: 0 }, { imageId: 'i2', url: 'http://127.0.0.1/i2.png', ordinal: 1 }] } }),
  t(t1, stored(t1, 'i1')),
  t(t1, { type: 'ImageFailed', data: { taskId: t1, imageId: 'i2', sourceUrl: 'http://127.0.0.1/i2.png', error: { code: 'http-status', message: 'HTTP 404' }, failedAt: at } }),
  t(t2, { type: 'TaskFailed', data: { taskId: t2, error: { code: 'http-status', message: 'HTTP 404' }, failedAt: at } }),
  t(t1, { type: 'TaskCompleted', data: { taskId: t1, imagesStored: 1, imagesFailed: 1, completedAt: at } }),
  b({ type: 'BatchTaskSettled', data: { batchId, taskId: t2, status: 'failed' } }),
  b({ type: 'BatchTasksReleased', data: { batchId, upTo: 3 } }),
  b({ type: 'BatchTaskSettled', data: { batchId, taskId: t1, status: 'completed' } }),
  t(t3, requested(t3, urls[2])),
  t(t3, { type: 'TaskStarted', data: { taskId: t3, startedAt: at } }),
];
const finish: Step[] = [
  t(t3, page(t3, 0)),
  t(t3, { type: 'TaskCompleted', data: { taskId: t3, imagesStored: 0, imagesFailed: 0, completedAt: at } }),
  b({ type: 'BatchTaskSettled', data: { batchId, taskId: t3, status: 'completed' } }),
  b({ type: 'BatchCompleted', data: { batchId, counts: { tasks: 3, completed: 2, failed: 1, cancelled: 0 }, completedAt: at } }),
];

function record(all: Step[]): RecordedEvent[] {
  const revisions = new Map<string, number>();
  return all.map(([streamName, event], i) => {
    const revision = revisions.get(streamName) ?? 0;
    revisions.set(streamName, revision + 1);
    return { id: `e${i}`, type: event.type, data: event.data, metadata: {}, streamName, revision: BigInt(revision), position: String(i + 1), recordedAt: new Date(Date.parse(at) + i) };
  });
}

async function applyIn(store: ReadModelStore, log: RecordedEvent[], size: number): Promise<void> {
  for (let start = 0; start < log.length; start += size) await applyToReadModels(store, log.slice(start, start + size));
}

describe('batch views, projected from the batch stream and its tasks', () => {
  const stores: SqliteReadModelStore[] = [];
  const open = () => {
    const store = new SqliteReadModelStore(':memory:');
    stores.push(store);
    return store;
  };
  afterEach(async () => Promise.all(stores.splice(0).map((store) => store.close())));

  it('counts tasks by status, images and bytes while the batch runs, then completes', async () => {
    const store = open();
    await applyIn(store, record(steps), 1000);
    expect(await store.getBatch(batchId)).toMatchObject({
      status: 'running', released: 3, duplicates: 1, rejected: 2,
      counts: { tasks: { total: 3, queued: 0, running: 1, completed: 1, failed: 1, cancelled: 0 }, images: { found: 2, stored: 1, failed: 1 }, bytesStored: 15 },
    });
    await applyIn(store, record([...steps, ...finish]).slice(steps.length), 1000);
    expect(await store.getBatch(batchId)).toMatchObject({ status: 'completed', completedAt: at, counts: { tasks: { queued: 0, running: 0, completed: 2, failed: 1 }, bytesStored: 25 } });
    expect((await store.listBatchTasks(batchId, { limit: 50 })).items.map((task) => task.id).sort()).toEqual([t1, t2, t3].sort());
  });

  it('gives the same views whatever the event batches, applied twice, and after a rebuild (drop, replay)', async () => {
    const log = record([...steps, ...finish]);
    const reference = open();
    await applyIn(reference, log, 1000);
    const expected = await reference.getBatch(batchId);
    for (const size of [1, 2, 5]) {
      const store = open();
      await applyIn(store, log, size);
      await applyIn(store, log, 3);
      expect(await store.getBatch(batchId)).toEqual(expected);
      await store.dropAll();
      await applyIn(store, log, 7);
      expect(await store.getBatch(batchId)).toEqual(expected);
    }
  });

  it('counts nothing twice when a crash left the batch views written but not the task views', async () => {
    const log = record([...steps, ...finish]);
    const reference = open();
    await applyIn(reference, log, 1000);
    const store = open();
    await applyToReadModels(store, log.slice(0, 6));
    const crashing = Object.create(store, { saveTasks: { value: async () => Promise.reject(new Error('killed')) } }) as ReadModelStore;
    await expect(applyToReadModels(crashing, log.slice(6, 12))).rejects.toThrow('killed');
    await applyToReadModels(store, log.slice(6));
    expect(await store.getBatch(batchId)).toEqual(await reference.getBatch(batchId));
  });

  it('saves the completion after the task views, so "completed" means every task view is final; a crash before it replays it', async () => {
    const log = record([...steps, ...finish]);
    const store = open();
    await applyToReadModels(store, log.slice(0, steps.length));
    const writes: string[] = [];
    const watching = Object.create(store, {
      saveTasks: { value: async (views: unknown[]) => (writes.push('tasks'), store.saveTasks(views as never)) },
      saveBatches: { value: async (views: Array<{ completedAt: string | null }>) => (writes.push(views.some((view) => view.completedAt) ? 'completed batch' : 'batch counts'), store.saveBatches(views as never)) },
    }) as ReadModelStore;
    await applyToReadModels(watching, log.slice(steps.length));
    expect(writes).toEqual(['batch counts', 'tasks', 'completed batch']);

    const crashed = open();
    await applyToReadModels(crashed, log.slice(0, steps.length));
    const dying = Object.create(crashed, { saveTasks: { value: async () => Promise.reject(new Error('killed')) } }) as ReadModelStore;
    await expect(applyToReadModels(dying, log.slice(steps.length))).rejects.toThrow('killed');
    expect(await crashed.getBatch(batchId)).toMatchObject({ completedAt: null });
    await applyToReadModels(crashed, log.slice(steps.length));
    expect(await crashed.getBatch(batchId)).toEqual(await store.getBatch(batchId));
  });

  it('after a cancel, counts the URLs never released as cancelled', async () => {
    const store = open();
    const cancelled = b({ type: 'BatchCancelled', data: { batchId, cancelledAt: at } });
    await applyIn(store, record([...steps.slice(0, 5), cancelled, t(t1, { type: 'TaskCancelled', data: { taskId: t1, cancelledAt: at } })]), 1000);
    expect(await store.getBatch(batchId)).toMatchObject({ status: 'cancelled', counts: { tasks: { total: 3, queued: 1, cancelled: 2 } } });
  });
});
