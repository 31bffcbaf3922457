import { LogReader } from './log-reader';
import type { EventRow } from './sqlite-rows';

const row = (position: number): EventRow => ({ position: BigInt(position), stream: 's', revision: 0n, id: `${position}`, type: 'T', data: '{}', metadata: '{}', recorded_at: '' });

/** A log the test appends to, counting the queries it answers. */
function fakeLog() {
  const rows: EventRow[] = [];
  const queries: Array<[number, number]> = [];
  const query = (from: bigint, maxCount: number): EventRow[] => {
    queries.push([Number(from), maxCount]);
    return rows.filter((r) => r.position > from).slice(0, maxCount);
  };
  return { rows, queries, query, add: (...positions: number[]) => rows.push(...positions.map(row)) };
}
const positions = (rows: EventRow[]): number[] => rows.map((r) => Number(r.position));

describe('LogReader', () => {
  it('answers later readers of the same events from the first one\'s read, and reads only what follows', () => {
    const log = fakeLog();
    // A clock past the head-seen window at every read: this test is about the kept rows alone.
    let now = 1000;
    const reader = new LogReader(log.query, () => (now += 10));
    log.add(1, 2, 3);
    expect(positions(reader.forSubscription(0n, 10))).toEqual([1, 2, 3]);
    expect(log.queries).toEqual([[0, 10]]);
    log.add(4);
    // From the kept rows, then the store for what follows them.
    expect(positions(reader.forSubscription(1n, 10))).toEqual([2, 3, 4]);
    expect(log.queries.at(-1)).toEqual([3, 8]);
    // A full page from the kept rows asks the store nothing.
    const before = log.queries.length;
    expect(positions(reader.forSubscription(0n, 2))).toEqual([1, 2]);
    expect(log.queries).toHaveLength(before);
  });

  it('reads a one-off reader\'s pages from the store and keeps none of them for the subscriptions', () => {
    const log = fakeLog();
    const reader = new LogReader(log.query, () => 1000);
    log.add(1, 2, 3);
    expect(positions(reader.uncached(0n, 10))).toEqual([1, 2, 3]);
    expect(positions(reader.uncached(0n, 10))).toEqual([1, 2, 3]);
    expect(log.queries).toEqual([[0, 10], [0, 10]]);
    // Nothing kept: the next read goes to the store as well.
    expect(positions(reader.forSubscription(0n, 10))).toEqual([1, 2, 3]);
    expect(log.queries).toHaveLength(3);
  });

  it('spares a subscription the read of a head just seen, until this process appends or a few milliseconds pass', () => {
    const log = fakeLog();
    let now = 1000;
    const reader = new LogReader(log.query, () => now);
    log.add(1, 2);
    expect(positions(reader.forSubscription(0n, 10))).toEqual([1, 2]);
    const afterFirst = log.queries.length;
    expect(positions(reader.forSubscription(0n, 10))).toEqual([1, 2]);
    expect(positions(reader.forSubscription(1n, 10))).toEqual([2]);
    expect(log.queries).toHaveLength(afterFirst);
    // Another process appended: a subscription finds it once the head it was spared is a few milliseconds old.
    log.add(3, 4);
    expect(positions(reader.forSubscription(0n, 10))).toEqual([1, 2]);
    now += 5;
    expect(positions(reader.forSubscription(0n, 10))).toEqual([1, 2, 3, 4]);
    // An append of this process: read at once.
    log.add(5);
    reader.appended();
    expect(positions(reader.forSubscription(4n, 10))).toEqual([5]);
  });
});
