import type { BatchEvent } from './batch-events';
import { batchTaskId } from './batch-stream';
import { foldBatchEvents } from './batch-state';
import { batchRequestedEvent, batchUrlsAddedEvent, decideBatch, foldBatchOnto, type BatchCommand } from './decide-batch';

const now = new Date('2026-01-01T00:00:00Z');
const batchId = 'b1';
const urls = Array.from({ length: 5 }, (_, i) => `http://127.0.0.1/p${i}`);
const entries = urls.map((url, i) => ({ taskId: batchTaskId(batchId, url), url, line: i + 1 }));
const requested = batchRequestedEvent({ batchId, options: { collect: ['text'], respectRobots: true }, urls: 5, duplicates: 0, rejected: 0, now }).event;
const added = batchUrlsAddedEvent(batchId, 0, entries).event;
const released = (upTo: number): BatchEvent => ({ type: 'BatchTasksReleased', data: { batchId, upTo } });
const settled = (i: number, status: 'completed' | 'failed' | 'cancelled' = 'completed'): BatchEvent => ({ type: 'BatchTaskSettled', data: { batchId, taskId: entries[i].taskId, status } });
const cancelled: BatchEvent = { type: 'BatchCancelled', data: { batchId, cancelledAt: now.toISOString() } };

/** given events, when a command, then the events decided. */
function when(given: BatchEvent[], command: BatchCommand): BatchEvent[] {
  return decideBatch(command, foldBatchEvents(given)).map(({ event }) => event);
}

describe('batch decisions', () => {
  it('derives one task per URL: the same URL in a batch is the same task, another batch gets another', () => {
    expect(batchTaskId('b1', urls[0])).toBe(batchTaskId('b1', urls[0]));
    expect(batchTaskId('b1', urls[0])).not.toBe(batchTaskId('b2', urls[0]));
    expect(batchTaskId('b1', urls[0])).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('releases a window of tasks, and no more while they are unfinished', () => {
    expect(when([requested, added], { type: 'ReleaseTasks', window: 2 })).toEqual([released(2)]);
    expect(when([requested, added, released(2)], { type: 'ReleaseTasks', window: 2 })).toEqual([]);
  });

  it('releases one more per settled task, up to the last entry', () => {
    expect(when([requested, added, released(2), settled(0)], { type: 'ReleaseTasks', window: 2 })).toEqual([released(3)]);
    expect(when([requested, added, released(4), settled(0), settled(1), settled(2)], { type: 'ReleaseTasks', window: 2 })).toEqual([released(5)]);
    expect(when([requested, added, released(5), settled(0), settled(1), settled(2)], { type: 'ReleaseTasks', window: 9 })).toEqual([]);
  });

  it('releases in steps of a quarter of the window, and the rest of the entries when fewer are left', () => {
    const many = Array.from({ length: 20 }, (_, i) => `http://127.0.0.1/q${i}`).map((url, i) => ({ taskId: batchTaskId(batchId, url), url, line: i + 1 }));
    const given = [
      batchRequestedEvent({ batchId, options: { collect: ['text'], respectRobots: true }, urls: 20, duplicates: 0, rejected: 0, now }).event,
      batchUrlsAddedEvent(batchId, 0, many).event,
    ];
    const settle = (i: number): BatchEvent => ({ type: 'BatchTaskSettled', data: { batchId, taskId: many[i].taskId, status: 'completed' } });
    const window8 = { type: 'ReleaseTasks', window: 8 } as const;
    expect(when(given, window8)).toEqual([released(8)]);
    // One settled: room for one, under the step of two.
    expect(when([...given, released(8), settle(0)], window8)).toEqual([]);
    expect(when([...given, released(8), settle(0), settle(1)], window8)).toEqual([released(10)]);
    expect(when([...given, released(8), settle(0), settle(1), settle(2), settle(3), settle(4)], window8)).toEqual([released(13)]);
    // One entry left: released alone.
    const nineteen = [...given, released(19), ...Array.from({ length: 18 }, (_, i) => settle(i))];
    expect(when(nineteen, window8)).toEqual([released(20)]);
  });

  it('releases nothing before the URLs are in the stream', () => {
    expect(when([requested], { type: 'ReleaseTasks', window: 2 })).toEqual([]);
  });

  it('settles a released task once, and ignores tasks of other batches', () => {
    const given = [requested, added, released(2)];
    expect(when(given, { type: 'SettleTask', taskId: entries[0].taskId, status: 'failed' })).toEqual([settled(0, 'failed')]);
    expect(when([...given, settled(0)], { type: 'SettleTask', taskId: entries[0].taskId, status: 'completed' })).toEqual([]);
    expect(when(given, { type: 'SettleTask', taskId: 'other', status: 'completed' })).toEqual([]);
  });

  it('completes once, when every task settled, with the counts', () => {
    const all = [requested, added, released(5), settled(0), settled(1), settled(2, 'failed'), settled(3), settled(4, 'cancelled')];
    expect(when(all.slice(0, -1), { type: 'CompleteBatch', now })).toEqual([]);
    expect(when(all, { type: 'CompleteBatch', now })).toEqual([
      { type: 'BatchCompleted', data: { batchId, counts: { tasks: 5, completed: 3, failed: 1, cancelled: 1 }, completedAt: now.toISOString() } },
    ]);
    const done = when(all, { type: 'CompleteBatch', now });
    expect(when([...all, ...done], { type: 'CompleteBatch', now })).toEqual([]);
  });

  it('waits for every chunk of URLs before it completes', () => {
    const partial = batchUrlsAddedEvent(batchId, 0, entries.slice(0, 2)).event;
    expect(when([requested, partial, released(2), settled(0), settled(1)], { type: 'CompleteBatch', now })).toEqual([]);
  });

  it('after a cancel: releases nothing more, and completes when the released tasks settle, the rest counted cancelled', () => {
    const given = [requested, added, released(2), cancelled];
    expect(when(given, { type: 'ReleaseTasks', window: 9 })).toEqual([]);
    expect(when(given, { type: 'CompleteBatch', now })).toEqual([]);
    expect(when([...given, settled(0), settled(1, 'cancelled')], { type: 'CompleteBatch', now })).toEqual([
      { type: 'BatchCompleted', data: { batchId, counts: { tasks: 5, completed: 1, failed: 0, cancelled: 4 }, completedAt: now.toISOString() } },
    ]);
  });

  it('ignores a release appended after the cancel (decided before it was seen)', () => {
    const state = foldBatchEvents([requested, added, released(2), cancelled, released(4)]);
    expect(state?.released).toBe(2);
  });

  it('cancels once, and not a batch that completed', () => {
    expect(when([requested, added], { type: 'CancelBatch', now })).toEqual([cancelled]);
    expect(when([requested, added, cancelled], { type: 'CancelBatch', now })).toEqual([]);
    const completed: BatchEvent = { type: 'BatchCompleted', data: { batchId, counts: { tasks: 5, completed: 5, failed: 0, cancelled: 0 }, completedAt: now.toISOString() } };
    expect(when([requested, added, completed], { type: 'CancelBatch', now })).toEqual([]);
  });

  it('decides nothing for an unknown batch', () => {
    expect(when([], { type: 'CancelBatch', now })).toEqual([]);
  });

  it('folds decided events onto the state, so a chain of decisions needs no re-read', () => {
    const state = foldBatchEvents([requested, added]);
    const after = foldBatchOnto(state, decideBatch({ type: 'ReleaseTasks', window: 3 }, state));
    expect(after?.released).toBe(3);
  });
});
