import type { ReadModelStore } from '@trawl/read-models';
import { aStoredImage, aTask } from './read-model-fixtures';

const sha = (c: string) => c.repeat(64);

/** Retention's queries (ADR 0009): run by the read-model contract on each adapter (each test starts empty). */
export function describeRetentionContract(storeOf: () => ReadModelStore): void {
  describe('retention', () => {
    it('counts a blob as referenced while a task other than the excepted ones references it; a replayed reference changes nothing', async () => {
      const store = storeOf();
      await store.saveBlobReferences([{ sha256: sha('a'), taskId: 't1' }, { sha256: sha('a'), taskId: 't2' }, { sha256: sha('b'), taskId: 't1' }]);
      await store.saveBlobReferences([{ sha256: sha('a'), taskId: 't1' }]);
      expect(await store.referencedBlobs([sha('a'), sha('b'), sha('c')], ['t1'])).toEqual(new Set([sha('a')]));
      expect(await store.referencedBlobs([sha('a'), sha('b')], [])).toEqual(new Set([sha('a'), sha('b')]));
      expect(await store.referencedBlobs([], ['t1'])).toEqual(new Set());
    });

    it("removes an expired task's image rows and references, and only its own", async () => {
      const store = storeOf();
      await store.saveImages([aStoredImage({ taskId: 't1', id: 'i1' }), aStoredImage({ taskId: 't2', id: 'i1' })]);
      await store.saveBlobReferences([{ sha256: sha('a'), taskId: 't1' }, { sha256: sha('a'), taskId: 't2' }]);
      await store.removeTaskContent(['t1']);
      expect(await store.getImage('t1', 'i1')).toBeNull();
      expect(await store.countImages('t1')).toEqual({ pending: 0, stored: 0, failed: 0 });
      expect(await store.getImage('t2', 'i1')).not.toBeNull();
      expect(await store.referencedBlobs([sha('a')], ['t2'])).toEqual(new Set());
      expect(await store.referencedBlobs([sha('a')], [])).toEqual(new Set([sha('a')]));
    });

    it('lists final tasks past their expiresAt or the retention cutoff, never running ones or tombstones', async () => {
      const store = storeOf();
      await store.saveTasks([
        aTask({ id: 'due-by-date', status: 'completed', expiresAt: '2025-02-01T00:00:00.000Z', updatedAt: '2025-01-30T00:00:00.000Z' }),
        aTask({ id: 'not-yet', status: 'failed', expiresAt: '2025-03-01T00:00:00.000Z', updatedAt: '2025-01-30T00:00:00.000Z' }),
        aTask({ id: 'old', status: 'cancelled', updatedAt: '2025-01-01T00:00:00.000Z' }),
        aTask({ id: 'running', status: 'running', expiresAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' }),
        aTask({ id: 'tombstone', status: 'expired', expiredAt: '2025-01-05T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' }),
      ]);
      const ids = async (finalBefore: string | null) => (await store.listExpiryCandidates({ now: '2025-02-15T00:00:00.000Z', finalBefore, limit: 10 })).map((task) => task.id).sort();
      expect(await ids(null)).toEqual(['due-by-date']);
      expect(await ids('2025-01-15T00:00:00.000Z')).toEqual(['due-by-date', 'old']);
      expect(await store.listExpiryCandidates({ now: '2025-02-15T00:00:00.000Z', finalBefore: '2025-01-15T00:00:00.000Z', limit: 1 })).toHaveLength(1);
    });

    it('lists tombstones whose blobs are not released yet, and keeps the retention fields of a view', async () => {
      const store = storeOf();
      const tombstone = aTask({ id: 'gone', status: 'expired', expiresAt: '2025-01-04T00:00:00.000Z', expiredAt: '2025-01-05T00:00:00.000Z', page: null, text: null });
      await store.saveTasks([tombstone, aTask({ id: 'released', status: 'expired', expiredAt: '2025-01-05T00:00:00.000Z', blobsReleasedAt: '2025-01-05T00:01:00.000Z' })]);
      expect(await store.listUnreleasedTombstones(10)).toEqual([tombstone]);
      expect(await store.getTask('gone')).toEqual(tombstone);
    });

    it('dropAll removes the references too', async () => {
      const store = storeOf();
      await store.saveBlobReferences([{ sha256: sha('a'), taskId: 't1' }]);
      await store.dropAll();
      expect(await store.referencedBlobs([sha('a')], [])).toEqual(new Set());
    });
  });
}
