import { InvalidCursorError, type ImageView, type ReadModelStore, type TaskStatus, type TaskView } from '@trawl/read-models';
import { aQueuedTask, aStoredImage, aTask, anImage, collectPages } from './read-model-fixtures';
import { describeBatchViewsContract } from './batch-read-model.contract';
import { describeRetentionContract } from './retention-read-model.contract';
import { describeBatchResultsContract } from './batch-results-read-model.contract';

/** What an adapter's spec hands the contract: a store on an empty backend, and how to remove it. */
export interface ReadModelStoreFixture {
  store: ReadModelStore;
  dispose(): Promise<void>;
}

const STATUSES: TaskStatus[] = ['queued', 'running', 'completed', 'failed', 'cancelled'];

/** Newest first: createdAt desc, then id desc. */
const newestFirst = (a: TaskView, b: TaskView) => b.createdAt.localeCompare(a.createdAt) || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0);
const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);

/** The behaviour every ReadModelStore adapter must show, run against a real backend. */
export function describeReadModelStoreContract(name: string, open: () => Promise<ReadModelStoreFixture>): void {
  describe('contract: read-model store [' + name + ']', () => {
    let fixture: ReadModelStoreFixture;
    let store: ReadModelStore;
    beforeAll(async () => {
      fixture = await open();
      store = fixture.store;
    });
    afterAll(async () => fixture?.dispose());
    // Listings span the whole store, so each test starts from empty (dropAll has its own test too).
    beforeEach(async () => store.dropAll());
    describeBatchViewsContract(() => store);
    describeRetentionContract(() => store);
    describeBatchResultsContract(() => store);

    it('saves a task and gets it back unchanged; an unknown id gives null', async () => {
      expect(await store.getTask('nope')).toBeNull();
      const full = aTask({ id: 't-full' });
      const bare = aQueuedTask({ id: 't-bare', collect: [], page: null });
      expect(await store.saveTask(full)).toBe(true);
      expect(await store.saveTask(bare)).toBe(true);
      expect(await store.getTask('t-full')).toEqual(full);
      expect(await store.getTask('t-bare')).toEqual(bare);
    });

    it("keeps a task's robots.txt choice, and reads a view projected before it existed back without one", async () => {
      const bold = aTask({ id: 't-bold', respectRobots: false });
      await store.saveTask(bold);
      expect(await store.getTask('t-bold')).toEqual(bold);
      await store.saveTask(aTask({ id: 't-old' }));
      expect(await store.getTask('t-old')).not.toHaveProperty('respectRobots');
    });

    it("keeps a task's warnings, and reads a task without any back without them", async () => {
      const warned = aTask({ id: 't-warned', warnings: [{ code: 'too-many-images', message: 'only the first 5000 are collected' }] });
      await store.saveTask(warned);
      expect(await store.getTask('t-warned')).toEqual(warned);
      await store.saveTask(aTask({ id: 't-plain' }));
      expect(await store.getTask('t-plain')).not.toHaveProperty('warnings');
    });

    it('replaces a task only with a higher revision', async () => {
      await store.saveTask(aTask({ id: 't', revision: 5, status: 'running' }));
      expect(await store.saveTask(aTask({ id: 't', revision: 5, status: 'failed' }))).toBe(false);
      expect(await store.saveTask(aTask({ id: 't', revision: 3, status: 'queued' }))).toBe(false);
      expect(await store.getTask('t')).toMatchObject({ revision: 5, status: 'running' });
      expect(await store.saveTask(aTask({ id: 't', revision: 6, status: 'completed', error: null }))).toBe(true);
      expect(await store.getTask('t')).toEqual(aTask({ id: 't', revision: 6, status: 'completed', error: null }));
    });

    it("tells a task's stored revision, following the saves that replace its view, and null for none", async () => {
      expect(await store.getTaskRevision('t-rev')).toBeNull();
      await store.saveTask(aTask({ id: 't-rev', revision: 4 }));
      expect(await store.getTaskRevision('t-rev')).toBe(4);
      await store.saveTask(aTask({ id: 't-rev', revision: 2 }));
      expect(await store.getTaskRevision('t-rev')).toBe(4);
      await store.saveTasks([aTask({ id: 't-rev', revision: 9, status: 'completed' })]);
      expect(await store.getTaskRevision('t-rev')).toBe(9);
      await store.dropAll();
      expect(await store.getTaskRevision('t-rev')).toBeNull();
    });

    it('keeps the highest revision when saves of a new task race', async () => {
      const revisions = [3, 1, 7, 2, 6, 4, 5];
      const wrote = await Promise.all(revisions.map((revision) => store.saveTask(aTask({ id: 'racy', revision, url: `http://127.0.0.1/${revision}` }))));
      expect(wrote).toContain(true);
      expect(await store.getTask('racy')).toMatchObject({ revision: 7, url: 'http://127.0.0.1/7' });
    });

    it('lists tasks newest first, by status, across pages with no duplicate or gap', async () => {
      const tasks: TaskView[] = [];
      for (let i = 0; i < 37; i += 1) {
        // Pairs share a createdAt, so the id tie-break matters.
        const second = String(Math.floor(i / 2) % 60).padStart(2, '0');
        tasks.push(aTask({ id: `task-${String(i).padStart(3, '0')}`, status: STATUSES[i % STATUSES.length]!, createdAt: `2025-03-01T10:00:${second}.000Z` }));
      }
      for (const task of [...tasks].reverse()) await store.saveTask(task);
      const all = await collectPages((after) => store.listTasks({ limit: 7, after }));
      expect(ids(all.items)).toEqual(ids([...tasks].sort(newestFirst)));
      expect(all.pages).toBe(6);
      const failed = await collectPages((after) => store.listTasks({ status: 'failed', limit: 2, after }));
      expect(ids(failed.items)).toEqual(ids(tasks.filter((t) => t.status === 'failed').sort(newestFirst)));
      const one = await store.listTasks({ limit: 500 });
      expect(one.items).toHaveLength(37);
      expect(one.next).toBeNull();
      const exact = await store.listTasks({ limit: 37 });
      expect(exact.items).toHaveLength(37);
      expect(exact.next).toBeNull();
    });

    it('rejects a page cursor it never handed out', async () => {
      await expect(store.listTasks({ limit: 5, after: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
      await expect(store.listImages('t', { after: Buffer.from('["x","y"]').toString('base64url') })).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it('writes image rows once: the discovery is kept, the first outcome is final, a replay changes nothing', async () => {
      await store.saveImages([anImage({ id: 'a', revision: 2 }), anImage({ id: 'b', revision: 2, ordinal: 1 })]);
      expect(await store.getImage('task-1', 'a')).toEqual(anImage({ id: 'a', revision: 2 }));
      await store.saveImages([
        aStoredImage({ id: 'a', revision: 4 }), // the outcome of a discovered image: applies
        anImage({ id: 'b', revision: 3, ordinal: 1, sourceUrl: 'http://127.0.0.1/other' }), // a second discovery: ignored
        anImage({ id: 'c', revision: 3, ordinal: 2 }), // new: inserted
        anImage({ id: 'c', revision: 5, ordinal: 2, status: 'failed', error: { code: 'x', message: 'y' } }), // same call: the outcome wins
      ]);
      expect(await store.getImage('task-1', 'a')).toEqual(aStoredImage({ id: 'a', revision: 4 }));
      expect(await store.getImage('task-1', 'b')).toEqual(anImage({ id: 'b', revision: 2, ordinal: 1 }));
      expect(await store.getImage('task-1', 'c')).toMatchObject({ revision: 5, status: 'failed' });
      await store.saveImages([anImage({ id: 'a', revision: 3 }), anImage({ id: 'a', revision: 6 })]); // pending never replaces an outcome
      await store.saveImages([aStoredImage({ id: 'c', revision: 7 })]); // an outcome is final
      expect(await store.getImage('task-1', 'a')).toMatchObject({ revision: 4, status: 'stored' });
      expect(await store.getImage('task-1', 'c')).toMatchObject({ revision: 5, status: 'failed' });
      expect(await store.getImage('task-1', 'zzz')).toBeNull();
      expect(await store.getImage('other-task', 'a')).toBeNull();
      await expect(store.saveImages([])).resolves.toBeUndefined();
      const some = await store.getImages('task-1', ['a', 'c', 'zzz', 'a']);
      expect([...some.keys()].sort()).toEqual(['a', 'c']);
      expect(some.get('a')).toEqual(aStoredImage({ id: 'a', revision: 4 }));
      expect((await store.getImages('task-1', [])).size).toBe(0);
    });

    it('keeps exactly one outcome when outcomes of one image race', async () => {
      await store.saveImages([anImage({ id: 'r', revision: 1 })]);
      const outcomes = [4, 2, 6, 3, 5].map((revision) => [aStoredImage({ id: 'r', revision, sourceUrl: `http://127.0.0.1/${revision}` })]);
      await Promise.all(outcomes.map((batch) => store.saveImages(batch)));
      const kept = await store.getImage('task-1', 'r');
      expect(kept).toMatchObject({ status: 'stored', sourceUrl: `http://127.0.0.1/${kept!.revision}` });
      expect(await store.countImages('task-1')).toEqual({ pending: 0, stored: 1, failed: 0 });
    });

    it('reads and saves many tasks at once, each guarded by its revision', async () => {
      await store.saveTask(aTask({ id: 'm-1', revision: 5, status: 'running' }));
      await store.saveTasks([
        aTask({ id: 'm-1', revision: 4, status: 'failed' }), // stale: ignored
        aTask({ id: 'm-2', revision: 1, status: 'queued' }), // new
        aTask({ id: 'm-2', revision: 3, status: 'running' }), // same call, newer: wins
        aTask({ id: 'm-3', revision: 2, status: 'completed' }),
      ]);
      await store.saveTasks([aTask({ id: 'm-3', revision: 6, status: 'cancelled' })]);
      const views = await store.getTasks(['m-1', 'm-2', 'm-3', 'nope']);
      expect([...views.keys()].sort()).toEqual(['m-1', 'm-2', 'm-3']);
      expect(views.get('m-1')).toMatchObject({ revision: 5, status: 'running' });
      expect(views.get('m-2')).toEqual(aTask({ id: 'm-2', revision: 3, status: 'running' }));
      expect(views.get('m-3')).toMatchObject({ revision: 6, status: 'cancelled' });
      await expect(store.saveTasks([])).resolves.toBeUndefined();
      expect((await store.getTasks([])).size).toBe(0);
    });

    it('lists images in discovery order, by status, across pages, and counts them', async () => {
      const rows: ImageView[] = [];
      for (let ordinal = 0; ordinal < 260; ordinal += 1) {
        const status = ordinal % 5 === 0 ? 'failed' : ordinal % 2 === 0 ? 'stored' : 'pending';
        rows.push(anImage({ id: `img-${String(259 - ordinal).padStart(3, '0')}`, ordinal, status, revision: 3 }));
      }
      await store.saveImages([...rows].reverse());
      await store.saveImages([anImage({ taskId: 'task-2', id: 'img-000', ordinal: 0 })]);
      const all = await collectPages((after) => store.listImages('task-1', { limit: 50, after }));
      expect(all.items.map((row) => row.ordinal)).toEqual(rows.map((row) => row.ordinal));
      expect(all.pages).toBe(6);
      const stored = await collectPages((after) => store.listImages('task-1', { status: 'stored', limit: 13, after }));
      expect(ids(stored.items)).toEqual(ids(rows.filter((row) => row.status === 'stored')));
      expect((await store.listImages('task-1')).items).toHaveLength(100);
      expect(await store.countImages('task-1')).toEqual({
        pending: rows.filter((row) => row.status === 'pending').length,
        stored: rows.filter((row) => row.status === 'stored').length,
        failed: rows.filter((row) => row.status === 'failed').length,
      });
      expect(await store.countImages('task-2')).toEqual({ pending: 1, stored: 0, failed: 0 });
      expect(await store.countImages('no-such-task')).toEqual({ pending: 0, stored: 0, failed: 0 });
      expect(await store.listImages('no-such-task')).toEqual({ items: [], next: null });
    });

    it('counts tasks by status, following status changes, with 0 for a status no task has', async () => {
      expect(await store.countTasks()).toEqual({ queued: 0, running: 0, completed: 0, failed: 0, cancelled: 0, expired: 0 });
      await store.saveTask(aQueuedTask({ id: 'c-1' }));
      await store.saveTask(aQueuedTask({ id: 'c-2' }));
      await store.saveTask(aTask({ id: 'c-3', status: 'running', revision: 1 }));
      await store.saveTask(aTask({ id: 'c-4', status: 'failed', revision: 3 }));
      expect(await store.countTasks()).toEqual({ queued: 2, running: 1, completed: 0, failed: 1, cancelled: 0, expired: 0 });
      await store.saveTask(aTask({ id: 'c-3', status: 'completed', revision: 2, error: null }));
      expect(await store.countTasks()).toEqual({ queued: 2, running: 0, completed: 1, failed: 1, cancelled: 0, expired: 0 });
    });

    it('saves and overwrites subscription checkpoints', async () => {
      expect(await store.getCheckpoint('projector')).toBeNull();
      await store.saveCheckpoint('projector', '100');
      await store.saveCheckpoint('relay', '7');
      await store.saveCheckpoint('projector', '250');
      expect(await store.getCheckpoint('projector')).toBe('250');
      expect(await store.getCheckpoint('relay')).toBe('7');
    });

    it('dropAll() empties tasks, images and checkpoints, and the store stays usable', async () => {
      await store.saveTask(aTask({ id: 'gone' }));
      await store.saveImages([anImage({ taskId: 'gone' })]);
      await store.saveCheckpoint('projector', '42');
      await store.dropAll();
      expect(await store.getTask('gone')).toBeNull();
      expect(await store.listTasks({ limit: 10 })).toEqual({ items: [], next: null });
      expect(await store.countImages('gone')).toEqual({ pending: 0, stored: 0, failed: 0 });
      expect(await store.getCheckpoint('projector')).toBeNull();
      // A rebuild replays from revision 0: nothing of the old revisions may block it.
      expect(await store.saveTask(aTask({ id: 'gone', revision: 0 }))).toBe(true);
    });

    it('answers ping()', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
