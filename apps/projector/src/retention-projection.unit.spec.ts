import type { RecordedEvent } from '@trawl/event-store';
import type { TaskEvent } from '@trawl/domain';
import { SqliteReadModelStore } from '@trawl/read-models';
import { applyToReadModels } from './task-projection';

const at = '2026-01-02T03:04:05.000Z';
const shared = 'a'.repeat(64);
const own = 'b'.repeat(64);
const text = 'c'.repeat(64);

/** A completed task with one text blob and one stored image. */
function taskEvents(taskId: string, imageSha: string): TaskEvent[] {
  return [
    { type: 'TaskRequested', data: { taskId, url: 'http://127.0.0.1/', collect: ['text', 'images'], requestedAt: at, expiresAt: '2026-01-03T00:00:00.000Z' } },
    { type: 'PageFetched', data: { taskId, finalUrl: 'http://127.0.0.1/', httpStatus: 200, contentType: 'text/html', charset: 'utf-8', bytes: 1, title: 'T', text: { sha256: text, bytes: 3 }, imagesFound: 1, imagesTruncated: false, fetchedAt: at } },
    { type: 'ImagesDiscovered', data: { taskId, images: [{ imageId: 'i1', url: 'http://127.0.0.1/i.png', ordinal: 0 }] } },
    { type: 'ImageStored', data: { taskId, imageId: 'i1', sourceUrl: 'http://127.0.0.1/i.png', sha256: imageSha, contentType: 'image/png', format: 'png', width: 1, height: 1, bytes: 5, storedAt: at } },
    { type: 'TaskCompleted', data: { taskId, imagesStored: 1, imagesFailed: 0, completedAt: at } },
  ];
}
const expired = (taskId: string): TaskEvent => ({ type: 'TaskExpired', data: { taskId, reason: 'expires-at', dueAt: '2026-01-03T00:00:00.000Z', expiredAt: '2026-01-03T00:01:00.000Z' } });
const released = (taskId: string): TaskEvent => ({ type: 'TaskBlobsReleased', data: { taskId, removed: 1, kept: 2, restored: 0, releasedAt: '2026-01-03T00:02:00.000Z' } });

let position = 0;
function record(taskId: string, events: TaskEvent[], fromRevision = 0): RecordedEvent[] {
  return events.map((event, i) => ({
    id: `${taskId}-${fromRevision + i}`, type: event.type, data: event.data, metadata: {}, streamName: `task-${taskId}`,
    revision: BigInt(fromRevision + i), position: String(++position), recordedAt: new Date(at),
  })) as RecordedEvent[];
}

describe('retention in the projection (ADR 0009)', () => {
  let store: SqliteReadModelStore;
  beforeEach(() => (store = new SqliteReadModelStore(':memory:')));
  afterEach(() => store.close());

  it('counts the blobs each live task references', async () => {
    await applyToReadModels(store, [...record('t1', taskEvents('t1', shared)), ...record('t2', taskEvents('t2', own))]);
    expect(await store.getTask('t1')).toMatchObject({ status: 'completed', expiresAt: '2026-01-03T00:00:00.000Z' });
    expect(await store.referencedBlobs([shared, own, text], ['t2'])).toEqual(new Set([shared, text]));
    expect(await store.referencedBlobs([shared, own, text], ['t1'])).toEqual(new Set([own, text]));
  });

  it('leaves a tombstone for an expired task, removes its rows and references, and keeps the other task whole', async () => {
    const history = [...record('t1', taskEvents('t1', shared)), ...record('t2', taskEvents('t2', shared))];
    await applyToReadModels(store, history);
    const expiry = record('t1', [expired('t1')], 5);
    await applyToReadModels(store, expiry);
    const tombstone = await store.getTask('t1');
    expect(tombstone).toMatchObject({ status: 'expired', expiredAt: '2026-01-03T00:01:00.000Z', text: null, page: null, progress: { imagesStored: 1 } });
    expect(await store.getImage('t1', 'i1')).toBeNull();
    expect(await store.getImage('t2', 'i1')).toMatchObject({ status: 'stored', sha256: shared });
    expect(await store.referencedBlobs([shared, text], ['t2'])).toEqual(new Set());
    expect(await store.listUnreleasedTombstones(10)).toEqual([tombstone]);

    const release = record('t1', [released('t1')], 6);
    await applyToReadModels(store, release);
    expect(await store.getTask('t1')).toMatchObject({ status: 'expired', blobsReleasedAt: '2026-01-03T00:02:00.000Z' });
    expect(await store.listUnreleasedTombstones(10)).toEqual([]);

    // A rebuild (the whole log in one batch, from nothing) gives the same read models.
    const rebuilt = new SqliteReadModelStore(':memory:');
    await applyToReadModels(rebuilt, [...history, ...expiry, ...release]);
    for (const id of ['t1', 't2']) expect(await rebuilt.getTask(id)).toEqual(await store.getTask(id));
    expect(await rebuilt.getImage('t1', 'i1')).toBeNull();
    expect(await rebuilt.getImage('t2', 'i1')).toEqual(await store.getImage('t2', 'i1'));
    expect(await rebuilt.referencedBlobs([shared, text, own], [])).toEqual(await store.referencedBlobs([shared, text, own], []));
    rebuilt.close();
  });

  it('applying the expiry twice changes nothing', async () => {
    await applyToReadModels(store, record('t1', taskEvents('t1', shared)));
    const expiry = record('t1', [expired('t1')], 5);
    await applyToReadModels(store, expiry);
    const first = await store.getTask('t1');
    await applyToReadModels(store, expiry);
    expect(await store.getTask('t1')).toEqual(first);
  });
});
