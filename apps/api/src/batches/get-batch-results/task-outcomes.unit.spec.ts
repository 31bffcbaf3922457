import { SqliteReadModelStore, emptyBatchCounts, type BatchView } from '@trawl/read-models';
import { aStoredImage, aTask } from '../../../../../test/contract/read-model-fixtures';
import { outcomesOf } from './task-outcomes';

const at = '2025-01-02T03:04:05.000Z';
const batch = (cancelled = false): BatchView => ({
  id: 'b', status: 'running', options: { collect: ['text', 'images'], respectRobots: true }, counts: emptyBatchCounts(4), duplicates: 0, rejected: 0, released: 3,
  cancelled, completedAt: null, createdAt: at, updatedAt: at, revision: 1, appliedThrough: null, sequence: 1,
});
const entry = (taskId: string, line: number) => ({ taskId, url: `http://127.0.0.1/${taskId}`, line });
const resultImage = (taskId: string, id: string, ordinal: number) => ({ batchId: 'b', taskId, id, ordinal, sourceUrl: `http://127.0.0.1/${id}.png`, sha256: 'e'.repeat(64) });

describe('outcomesOf (the results of a page of batch entries)', () => {
  it('serves final tasks from the results projection, and running, unreleased or incompletely projected tasks live', async () => {
    const store = new SqliteReadModelStore(':memory:');
    // projected: a final row with all its images, and no task view at all (so it cannot come from one)
    await store.saveBatchResults({
      rows: [
        { batchId: 'b', taskId: 'projected', status: 'completed', hasText: true, imagesStored: 1, revision: 5 },
        { batchId: 'b', taskId: 'partial', status: 'completed', hasText: false, imagesStored: 2, revision: 5 },
        { batchId: 'b', taskId: 'expired', status: 'expired', hasText: true, imagesStored: 3, revision: 9 },
      ],
      images: [resultImage('projected', 'p1', 0), resultImage('partial', 'x1', 0)],
      expiredTaskIds: [],
    });
    // partial: its row counts 2 images and 1 is projected, so it is read live (view and image rows)
    await store.saveTasks([
      aTask({ id: 'partial', batchId: 'b', status: 'completed', text: null, progress: { imagesFound: 2, imagesStored: 2, imagesFailed: 0 } }),
      aTask({ id: 'running', batchId: 'b', status: 'running', progress: { imagesFound: 1, imagesStored: 1, imagesFailed: 0 } }),
    ]);
    await store.saveImages([
      aStoredImage({ taskId: 'partial', id: 'x2', ordinal: 1, perceptualHash: '0123456789abcdef' }), aStoredImage({ taskId: 'partial', id: 'x1', ordinal: 0 }),
      aStoredImage({ taskId: 'running', id: 'r1', sourceUrl: 'http://127.0.0.1/r1.png' }),
    ]);
    const entries = ['projected', 'partial', 'expired', 'running', 'unreleased'].map(entry);
    const outcomes = await outcomesOf(store, batch(), entries);
    expect(outcomes.get('projected')).toEqual({ status: 'completed', hasText: true, images: [{ batchId: 'b', taskId: 'projected', id: 'p1', ordinal: 0, sourceUrl: 'http://127.0.0.1/p1.png', sha256: 'e'.repeat(64) }] });
    expect(outcomes.get('partial')).toEqual({
      status: 'completed', hasText: false,
      images: [{ id: 'x1', sourceUrl: 'http://127.0.0.1:8080/a.png', sha256: 'b'.repeat(64) }, { id: 'x2', sourceUrl: 'http://127.0.0.1:8080/a.png', sha256: 'b'.repeat(64), perceptualHash: '0123456789abcdef' }],
    });
    expect(outcomes.get('expired')).toEqual({ status: 'expired', hasText: true, images: [] });
    expect(outcomes.get('running')).toEqual({ status: 'running', hasText: true, images: [{ id: 'r1', sourceUrl: 'http://127.0.0.1/r1.png', sha256: 'b'.repeat(64) }] });
    expect(outcomes.get('unreleased')).toEqual({ status: 'queued', hasText: false, images: [] });
    expect((await outcomesOf(store, batch(true), [entry('unreleased', 5)])).get('unreleased')).toMatchObject({ status: 'cancelled' });
    expect((await outcomesOf(store, batch(), [])).size).toBe(0);
  });
});
