import { emptyBatchCounts, InvalidCursorError, type BatchView, type ReadModelStore, type TaskView } from '@trawl/read-models';
import { aQueuedTask, aTask } from './read-model-fixtures';

export function aBatch(overrides: Partial<BatchView> = {}): BatchView {
  return {
    id: 'b-1', status: 'running', options: { collect: ['text', 'images'], respectRobots: true },
    counts: { ...emptyBatchCounts(3), tasks: { total: 3, queued: 1, running: 1, completed: 1, failed: 0, cancelled: 0 }, images: { found: 4, stored: 2, failed: 1 }, bytesStored: 1234 },
    duplicates: 1, rejected: 2, released: 2, cancelled: false, completedAt: null,
    createdAt: '2025-01-02T03:04:05.000Z', updatedAt: '2025-01-02T03:04:06.000Z', revision: 3, appliedThrough: '42', sequence: 17, ...overrides,
  };
}

/** Batch views and the tasks of a batch: run by the read-model contract on each adapter (each test starts empty). */
export function describeBatchViewsContract(storeOf: () => ReadModelStore): void {
  describe('batches', () => {
    it('saves batch views and gets them back unchanged, one or many; unknown ids give null / nothing', async () => {
      const store = storeOf();
      expect(await store.getBatch('nope')).toBeNull();
      const first = aBatch({ id: 'b-1' });
      const done = aBatch({ id: 'b-2', status: 'completed', completedAt: '2025-01-02T03:05:00.000Z', cancelled: true });
      await store.saveBatches([first, done]);
      expect(await store.getBatch('b-1')).toEqual(first);
      expect([...(await store.getBatches(['b-2', 'b-1', 'nope', 'b-2'])).entries()].sort()).toEqual([['b-1', first], ['b-2', done]]);
    });

    it('replaces a batch view whole on the next save (the projector is its one writer)', async () => {
      const store = storeOf();
      await store.saveBatches([aBatch({ id: 'b' })]);
      const next = aBatch({ id: 'b', revision: 3, counts: { ...aBatch().counts, bytesStored: 99 }, updatedAt: '2025-01-02T04:00:00.000Z' });
      await store.saveBatches([next]);
      expect(await store.getBatch('b')).toEqual(next);
    });

    it('lists batches newest first, a page at a time, and refuses a cursor it did not hand out', async () => {
      const store = storeOf();
      const views = Array.from({ length: 5 }, (_, i) => aBatch({ id: `b-${i}`, createdAt: `2025-01-0${1 + (i % 3)}T00:00:00.000Z` }));
      await store.saveBatches(views);
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await store.listBatches({ limit: 2, after });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((view) => view.id));
        after = page.next ?? undefined;
      } while (after);
      const expected = [...views].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id)).map((view) => view.id);
      expect(seen).toEqual(expected);
      await expect(store.listBatches({ limit: 2, after: 'garbage' })).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it("lists a batch's tasks in request order, by status, paged; other tasks are not listed; batchId round-trips", async () => {
      const store = storeOf();
      const at = (i: number) => `2025-01-02T03:04:${String(10 + i).padStart(2, '0')}.000Z`;
      const tasks: TaskView[] = Array.from({ length: 7 }, (_, i) =>
        i % 3 === 0 ? aQueuedTask({ id: `t-${i}`, batchId: 'b-1', createdAt: at(i) }) : aTask({ id: `t-${i}`, batchId: 'b-1', status: 'completed', error: null, createdAt: at(i) }),
      );
      await store.saveTasks([...tasks, aTask({ id: 'other', batchId: 'b-2' }), aTask({ id: 'alone' })]);
      expect(await store.getTask('t-1')).toEqual(tasks[1]);
      const all: string[] = [];
      let after: string | undefined;
      do {
        const page = await store.listBatchTasks('b-1', { limit: 3, after });
        all.push(...page.items.map((task) => task.id));
        after = page.next ?? undefined;
      } while (after);
      expect(all).toEqual(tasks.map((task) => task.id));
      const queued = await store.listBatchTasks('b-1', { status: 'queued', limit: 50 });
      expect(queued.items.map((task) => task.id)).toEqual(['t-0', 't-3', 't-6']);
      expect(queued.next).toBeNull();
      expect((await store.listBatchTasks('nope', { limit: 50 })).items).toEqual([]);
    });

    it('dropAll removes batch views too', async () => {
      const store = storeOf();
      await store.saveBatches([aBatch({ id: 'gone' })]);
      await store.dropAll();
      expect(await store.getBatch('gone')).toBeNull();
    });
  });
}
