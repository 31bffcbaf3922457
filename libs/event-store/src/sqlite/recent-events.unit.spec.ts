import { RecentEvents } from './recent-events';
import type { EventRow } from './sqlite-rows';

function row(position: number, size = 10): EventRow {
  return { position: BigInt(position), stream: 'task-x', revision: 0n, id: `id-${position}`, type: 'T', data: 'x'.repeat(size), metadata: '{}', recorded_at: '' };
}
const rows = (from: number, to: number): EventRow[] => Array.from({ length: to - from + 1 }, (_, n) => row(from + n));
const positions = (found: EventRow[] | undefined): number[] | undefined => found?.map((r) => Number(r.position));

describe('RecentEvents', () => {
  it('knows nothing until a read is recorded, then answers from the anchor and from each row of the run', () => {
    const recent = new RecentEvents(100, 1e6);
    expect(recent.after(0n, 10)).toBeUndefined();
    recent.record(0n, rows(1, 5));
    expect(positions(recent.after(0n, 10))).toEqual([1, 2, 3, 4, 5]);
    expect(positions(recent.after(2n, 2))).toEqual([3, 4]);
    // The run's end: an empty answer, so that the caller reads what follows from the store.
    expect(positions(recent.after(5n, 10))).toEqual([]);
    // Past the run, or a position it does not hold: only the store can answer.
    expect(recent.after(6n, 10)).toBeUndefined();
  });

  it('extends the run with a read from its end, in order, and with gaps in the positions (rolled-back appends)', () => {
    const recent = new RecentEvents(100, 1e6);
    recent.record(0n, [row(1), row(2)]);
    recent.record(2n, [row(4), row(7)]);
    expect(positions(recent.after(0n, 10))).toEqual([1, 2, 4, 7]);
    expect(positions(recent.after(4n, 10))).toEqual([7]);
    expect(recent.after(3n, 10)).toBeUndefined();
  });

  it('ignores a lagging reader\'s read, and starts a new run for a read past its end', () => {
    const recent = new RecentEvents(100, 1e6);
    recent.record(10n, rows(11, 15));
    recent.record(3n, rows(4, 12));
    expect(positions(recent.after(10n, 100))).toEqual([11, 12, 13, 14, 15]);
    expect(recent.after(3n, 100)).toBeUndefined();
    recent.record(20n, rows(21, 22));
    expect(recent.after(10n, 100)).toBeUndefined();
    expect(positions(recent.after(20n, 100))).toEqual([21, 22]);
    // An empty read past the end tells nothing: the run stays.
    recent.record(30n, []);
    expect(positions(recent.after(20n, 100))).toEqual([21, 22]);
  });

  it('drops its oldest rows past its bounds (rows, then characters) and moves its anchor after them', () => {
    const byRows = new RecentEvents(8, 1e6);
    byRows.record(0n, rows(1, 9));
    expect(byRows.size).toBe(6);
    expect(byRows.after(0n, 100)).toBeUndefined();
    expect(positions(byRows.after(3n, 100))).toEqual([4, 5, 6, 7, 8, 9]);
    const byChars = new RecentEvents(100, 100);
    byChars.record(0n, [row(1, 40), row(2, 40), row(3, 40)]);
    expect(positions(byChars.after(2n, 100))).toEqual([3]);
    // One event bigger than the whole budget leaves an empty run at its position.
    byChars.record(3n, [row(4, 500)]);
    expect(byChars.size).toBe(0);
    expect(positions(byChars.after(4n, 10))).toEqual([]);
  });
});
