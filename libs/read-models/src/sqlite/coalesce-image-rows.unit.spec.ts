import type { ImageView } from '../read-model.types';
import { coalesceImageRows } from './coalesce-image-rows';
import { SqliteReadModelStore } from './sqlite-read-model-store';

const at = '2026-01-02T03:04:05.000Z';
const pending = (id: string, revision: number, extra: Partial<ImageView> = {}): ImageView => ({
  taskId: 't1', id, sourceUrl: `http://127.0.0.1/${id}.png`, status: 'pending', sha256: null, contentType: null, width: null, height: null, bytes: null,
  error: null, ordinal: Number(id.slice(1)), updatedAt: at, revision, ...extra,
});
const stored = (id: string, revision: number): ImageView => ({
  ...pending(id, revision), status: 'stored', sha256: 'a'.repeat(64), contentType: 'image/png', width: 1, height: 1, bytes: 5,
});
const failed = (id: string, revision: number): ImageView => ({ ...pending(id, revision), status: 'failed', error: { code: 'http-status', message: 'HTTP 404' } });
const via = { via: 'srcset', context: { alt: 'a cat' } } as Partial<ImageView>;

async function rowsAfter(calls: ImageView[][]): Promise<ImageView[]> {
  const store = new SqliteReadModelStore(':memory:');
  try {
    for (const rows of calls) await store.saveImages(rows);
    return (await store.listImages('t1', { limit: 500 })).items;
  } finally {
    await store.close();
  }
}

describe('coalesceImageRows', () => {
  it('keeps one row per image: the outcome over a pending row, with what discovery knew; the first outcome', () => {
    const rows = coalesceImageRows([pending('i0', 3, via), pending('i1', 3), stored('i0', 4), failed('i0', 5), pending('i0', 6), stored('i2', 7)]);
    expect(rows).toEqual([{ ...stored('i0', 4), ...via }, pending('i1', 3), stored('i2', 7)]);
  });

  it('leaves the SQLite store as row-by-row writes would, also over rows written before', async () => {
    const before = [pending('i0', 1, via), pending('i3', 1), stored('i4', 2)];
    const batch = [pending('i0', 3), stored('i0', 4), pending('i1', 3, via), stored('i1', 5), failed('i1', 6), pending('i2', 3), stored('i3', 7), failed('i4', 8)];
    const oneByOne = await rowsAfter([before, ...batch.map((row) => [row])]);
    expect(await rowsAfter([before, batch])).toEqual(oneByOne);
    expect(oneByOne.map((row) => [row.id, row.status, row.revision, row.via ?? null])).toEqual([
      ['i0', 'stored', 4, 'srcset'], ['i1', 'stored', 5, 'srcset'], ['i2', 'pending', 3, null], ['i3', 'stored', 7, null], ['i4', 'stored', 2, null],
    ]);
  });
});
