import type { BatchResultImage, BatchResultRow, ReadModelStore } from '@trawl/read-models';

function aRow(overrides: Partial<BatchResultRow> = {}): BatchResultRow {
  return { batchId: 'b-1', taskId: 't-1', status: 'completed', hasText: true, imagesStored: 2, revision: 7, ...overrides };
}

function anImageOf(taskId: string, id: string, ordinal: number, overrides: Partial<BatchResultImage> = {}): BatchResultImage {
  return { batchId: 'b-1', taskId, id, ordinal, sourceUrl: `http://127.0.0.1/${id}.png`, sha256: id.padEnd(64, '0'), ...overrides };
}

/** The results projection of batches: run by the read-model contract on each adapter (each test starts empty). */
export function describeBatchResultsContract(storeOf: () => ReadModelStore): void {
  describe('batch results', () => {
    it("gives the rows of the tasks asked for, with their images in discovery order; other tasks' and batches' rows are left out", async () => {
      const store = storeOf();
      const hashed = anImageOf('t-1', 'b', 1, { perceptualHash: 'f0f0f0f0f0f0f0f0' });
      const images = [anImageOf('t-1', 'c', 2), hashed, anImageOf('t-1', 'a', 1), anImageOf('t-2', 'a', 0), anImageOf('t-9', 'x', 0, { batchId: 'b-2' })];
      const rows = [aRow(), aRow({ taskId: 't-2', status: 'failed', hasText: false, imagesStored: 1 }), aRow({ taskId: 't-3' }), aRow({ taskId: 't-9', batchId: 'b-2' })];
      await store.saveBatchResults({ rows, images, expiredTaskIds: [] });
      const found = await store.listBatchResults('b-1', ['t-1', 't-2', 't-9', 'unknown', 't-1']);
      expect([...found.rows.entries()].sort()).toEqual([['t-1', rows[0]], ['t-2', rows[1]]]);
      expect(found.images.get('t-1')).toEqual([images[2], hashed, images[0]]);
      expect(found.images.get('t-2')).toEqual([images[3]]);
      expect(found.images.has('t-9')).toBe(false);
      expect(await store.listBatchResults('b-1', [])).toEqual({ rows: new Map(), images: new Map() });
    });

    it('keeps the first row of an image, replaces a row only with a higher revision, and removes the images of expired tasks', async () => {
      const store = storeOf();
      const first = anImageOf('t-1', 'a', 0);
      await store.saveBatchResults({ rows: [aRow({ revision: 7 })], images: [first, anImageOf('t-2', 'a', 0)], expiredTaskIds: [] });
      // A replay, a stale row and a later image row of the same image change nothing.
      await store.saveBatchResults({ rows: [aRow({ revision: 6, status: 'failed' }), aRow({ revision: 7, status: 'failed' })], images: [{ ...first, sha256: 'f'.repeat(64) }], expiredTaskIds: [] });
      let found = await store.listBatchResults('b-1', ['t-1', 't-2']);
      expect(found.rows.get('t-1')).toEqual(aRow({ revision: 7 }));
      expect(found.images.get('t-1')).toEqual([first]);
      const expired = aRow({ revision: 9, status: 'expired' });
      await store.saveBatchResults({ rows: [expired], images: [], expiredTaskIds: ['t-1'] });
      found = await store.listBatchResults('b-1', ['t-1', 't-2']);
      expect(found.rows.get('t-1')).toEqual(expired);
      expect(found.images.has('t-1')).toBe(false);
      expect(found.images.get('t-2')).toHaveLength(1);
    });

    it('is emptied by dropAll', async () => {
      const store = storeOf();
      await store.saveBatchResults({ rows: [aRow()], images: [anImageOf('t-1', 'a', 0)], expiredTaskIds: [] });
      await store.dropAll();
      expect(await store.listBatchResults('b-1', ['t-1'])).toEqual({ rows: new Map(), images: new Map() });
    });
  });
}
