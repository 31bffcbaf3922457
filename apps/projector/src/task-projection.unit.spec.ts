import type { RecordedEvent } from '@trawl/event-store';
import type { TaskEvent } from '@trawl/domain';
import { SqliteReadModelStore } from '@trawl/read-models';
import { projectImageRows } from '@trawl/tasks';
import { applyToReadModels } from './task-projection';

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

  it('does not move the counts of a cancelled task for downloads that finished after the cancel', async () => {
    const cancelled = { ...recorded[4], id: 'c', type: 'TaskCancelled', data: { taskId: 't1', cancelledAt: at } } as RecordedEvent;
    const late = { ...recorded[4], revision: 5n, position: '6' };
    await applyToReadModels(store, [...recorded.slice(0, 4), cancelled, late]);
    expect(await store.getTask('t1')).toMatchObject({ status: 'cancelled', progress: { imagesStored: 0, imagesFailed: 0 } });
    expect(await store.countImages('t1')).toEqual({ pending: 2, stored: 0, failed: 0 });
  });
});
