import { SqliteReadModelStore, type ReadModelStore } from '@trawl/read-models';
import { aTask } from '../../../../../test/contract/read-model-fixtures';
import { weakEtagOf } from '../../http/json-etag';
import { presentTask } from '../task-presenter';
import { TaskStatusCache } from './task-status-cache';

const ID = '6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f';
const OTHER = '0b9d8c7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e';
const THIRD = 'c3d2e1f0-a9b8-4c7d-a6e5-f4d3c2b1a0f9';

/** The answer the Nest route gives for a view: the presenter's JSON and the weak ETag of it. */
function expectedAnswer(view: ReturnType<typeof aTask>) {
  const body = JSON.stringify(presentTask(view));
  return { revision: view.revision, body, etag: weakEtagOf(body) };
}

describe('TaskStatusCache (over an in-memory SQLite read model)', () => {
  let store: SqliteReadModelStore;
  let reads: string[];

  beforeEach(() => {
    store = new SqliteReadModelStore(':memory:');
    reads = [];
    const getTask = store.getTask.bind(store);
    jest.spyOn(store, 'getTask').mockImplementation(async (id) => {
      reads.push(id);
      return getTask(id);
    });
  });
  afterEach(async () => store.close());

  it("answers with the presented view and its ETag, and answers again from memory while the task's revision stays", async () => {
    const view = aTask({ id: ID, revision: 3, status: 'completed', error: null });
    await store.saveTask(view);
    const cache = new TaskStatusCache(store);
    expect(await cache.answerFor(ID)).toEqual(expectedAnswer(view));
    expect(await cache.answerFor(ID)).toEqual(expectedAnswer(view));
    expect(await cache.answerFor(ID)).toEqual(expectedAnswer(view));
    expect(reads).toEqual([ID]);
  });

  it('reads the task again once its view changed, and answers with the new view', async () => {
    const running = aTask({ id: ID, revision: 3, status: 'running' });
    await store.saveTask(running);
    const cache = new TaskStatusCache(store);
    const first = await cache.answerFor(ID);
    expect(first).toEqual(expectedAnswer(running));

    const completed = aTask({ id: ID, revision: 4, status: 'completed', error: null, updatedAt: '2025-01-02T03:04:09.000Z' });
    await store.saveTasks([completed]);
    const second = await cache.answerFor(ID);
    expect(second).toEqual(expectedAnswer(completed));
    expect(second!.etag).not.toBe(first!.etag);
    expect(JSON.parse(second!.body)).toMatchObject({ status: 'completed', updatedAt: '2025-01-02T03:04:09.000Z' });
    expect(reads).toEqual([ID, ID]);
    expect(await cache.answerFor(ID)).toEqual(expectedAnswer(completed));
    expect(reads).toEqual([ID, ID]);
  });

  it('answers null for a malformed id (without a read), an unknown task, an expired one, and a kept task the store no longer has', async () => {
    const cache = new TaskStatusCache(store);
    expect(await cache.answerFor('not-a-uuid')).toBeNull();
    expect(reads).toEqual([]);
    expect(await cache.answerFor(OTHER)).toBeNull();

    await store.saveTask(aTask({ id: ID, revision: 2, status: 'completed', error: null }));
    expect(await cache.answerFor(ID)).not.toBeNull();
    await store.saveTask(aTask({ id: ID, revision: 3, status: 'expired', expiredAt: '2025-02-01T00:00:00.000Z' }));
    expect(await cache.answerFor(ID)).toBeNull();
    expect(cache.size).toBe(0);

    await store.saveTask(aTask({ id: THIRD, revision: 1 }));
    expect(await cache.answerFor(THIRD)).not.toBeNull();
    await store.dropAll();
    expect(await cache.answerFor(THIRD)).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('keeps at most `capacity` answers, the least recently used going first', async () => {
    for (const id of [ID, OTHER, THIRD]) await store.saveTask(aTask({ id }));
    const cache = new TaskStatusCache(store, 2);
    await cache.answerFor(ID);
    await cache.answerFor(OTHER);
    await cache.answerFor(ID); // OTHER is now the least recently used
    await cache.answerFor(THIRD);
    expect(cache.size).toBe(2);
    reads.length = 0;
    await cache.answerFor(ID);
    await cache.answerFor(THIRD);
    expect(reads).toEqual([]);
    await cache.answerFor(OTHER);
    expect(reads).toEqual([OTHER]);
  });

  it('rejects when the store does, so the caller can leave the request to the route that reports it', async () => {
    const failing = { getTaskRevision: async () => Promise.reject(new Error('down')), getTask: async () => Promise.reject(new Error('down')) } as unknown as ReadModelStore;
    await expect(new TaskStatusCache(failing).answerFor(ID)).rejects.toThrow('down');
  });
});
