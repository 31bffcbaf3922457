import { decodeImageCursor, decodeTaskCursor, encodeCursor, pageLimit, toPage } from './page-cursor';
import { InvalidCursorError } from './read-model.errors';

describe('page cursors', () => {
  it('round-trip the sort key of the last item', () => {
    expect(decodeTaskCursor(encodeCursor(['2025-01-01T00:00:00.000Z', 'task-9']))).toEqual(['2025-01-01T00:00:00.000Z', 'task-9']);
    expect(decodeImageCursor(encodeCursor([41, 'img-3']))).toEqual([41, 'img-3']);
  });

  it('reject anything a listing did not hand out', () => {
    const bad = ['', 'not base64 json', encodeCursor([1, 'x']).slice(1), Buffer.from('{"a":1}').toString('base64url'), Buffer.from('["a"]').toString('base64url')];
    for (const cursor of bad) expect(() => decodeTaskCursor(cursor)).toThrow(InvalidCursorError);
    expect(() => decodeTaskCursor(encodeCursor([5, 'x']))).toThrow(InvalidCursorError);
    expect(() => decodeImageCursor(encodeCursor(['5', 'x']))).toThrow(InvalidCursorError);
    expect(() => decodeImageCursor(Buffer.from('[1.5,"x"]').toString('base64url'))).toThrow(InvalidCursorError);
  });

  it('clamp limits to 1..500 and fall back when none is given', () => {
    expect([pageLimit(undefined, 100), pageLimit(0, 100), pageLimit(10_000, 100), pageLimit(7.9, 100)]).toEqual([100, 1, 500, 7]);
  });

  it('point to the next page only when a row beyond the limit was fetched', () => {
    const key = (n: number) => [n, String(n)] as const;
    expect(toPage([1, 2, 3], 3, key)).toEqual({ items: [1, 2, 3], next: null });
    const page = toPage([1, 2, 3, 4], 3, key);
    expect(page.items).toEqual([1, 2, 3]);
    expect(decodeImageCursor(page.next!)).toEqual([3, '3']);
  });
});
