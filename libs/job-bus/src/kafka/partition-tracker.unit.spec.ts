import { PartitionTracker } from './partition-tracker';

describe('PartitionTracker', () => {
  it('commits up to the oldest unfinished offset when jobs finish out of order', () => {
    const tracker = new PartitionTracker('jobs', 0, 100);
    for (const offset of [10, 11, 12, 13]) tracker.start(offset);
    expect(tracker.commitPoint()).toBe(10);
    tracker.finish(12);
    tracker.finish(11);
    expect(tracker.commitPoint()).toBe(10);
    tracker.finish(10);
    expect(tracker.commitPoint()).toBe(13);
    tracker.finish(13);
    expect(tracker.commitPoint()).toBe(14);
  });

  it('steps over gaps in the offsets (compaction, control records)', () => {
    const tracker = new PartitionTracker('jobs', 0, 100);
    tracker.start(3);
    tracker.start(7);
    tracker.finish(7);
    expect(tracker.commitPoint()).toBe(3);
    tracker.finish(3);
    expect(tracker.commitPoint()).toBe(8);
  });

  it('offers a commit point only once it moved past the last commit', () => {
    const tracker = new PartitionTracker('jobs', 0, 100);
    expect(tracker.commitPoint()).toBeUndefined();
    tracker.start(0);
    tracker.finish(0);
    tracker.markCommitted(1);
    expect(tracker.commitPoint()).toBeUndefined();
    tracker.start(1);
    expect(tracker.commitPoint()).toBeUndefined();
    tracker.finish(1);
    expect(tracker.commitPoint()).toBe(2);
  });

  it('knows the offsets it started, so that a re-fetch after a rebalance starts nothing twice', () => {
    const tracker = new PartitionTracker('jobs', 0, 100);
    tracker.start(5);
    tracker.start(6);
    tracker.finish(6);
    expect([4, 5, 6, 7].map((offset) => tracker.isNew(offset))).toEqual([false, false, false, true]);
  });

  it('has room for a bounded number of unfinished jobs', () => {
    const tracker = new PartitionTracker('jobs', 0, 2);
    tracker.start(0);
    tracker.start(1);
    expect(tracker.hasRoom()).toBe(false);
    tracker.finish(1);
    expect(tracker.hasRoom()).toBe(true);
  });
});
