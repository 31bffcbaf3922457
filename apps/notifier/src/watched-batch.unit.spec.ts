import { batchRequestedEvent, type BatchEvent } from '@trawl/domain';
import { batchNotificationFor, evolveWatchedBatch, type WatchedBatch } from './watched-batch';

const now = new Date('2026-12-01T10:00:00Z');
const batchId = 'b1';
const requested = (webhook?: { url: string; events?: ('final' | 'progress')[] }): BatchEvent =>
  batchRequestedEvent({ batchId, options: { collect: ['text'], respectRobots: true }, urls: 3, duplicates: 0, rejected: 0, now, webhook }).event;
const added: BatchEvent = { type: 'BatchUrlsAdded', data: { batchId, chunk: 0, entries: [1, 2, 3].map((n) => ({ taskId: `t${n}`, url: `http://127.0.0.1/${n}`, line: n })) } };
const released: BatchEvent = { type: 'BatchTasksReleased', data: { batchId, upTo: 3 } };
const settled = (n: number, status: 'completed' | 'failed' | 'cancelled'): BatchEvent => ({ type: 'BatchTaskSettled', data: { batchId, taskId: `t${n}`, status } });
const cancelled: BatchEvent = { type: 'BatchCancelled', data: { batchId, cancelledAt: now.toISOString() } };
const completed = (counts: { completed: number; failed: number; cancelled: number }): BatchEvent => ({
  type: 'BatchCompleted',
  data: { batchId, counts: { tasks: 3, ...counts }, completedAt: now.toISOString() },
});

/** Folds the events, returning what each one asked the notifier to send. */
function given(events: BatchEvent[]): { state: WatchedBatch | null; notifications: (string | null)[] } {
  let state: WatchedBatch | null = null;
  const notifications: (string | null)[] = [];
  for (const event of events) {
    const next = evolveWatchedBatch(state, event);
    notifications.push(batchNotificationFor(state, next, event));
    state = next;
  }
  return { state, notifications };
}

describe('watched batch: which batch events deserve a webhook', () => {
  const run = [added, released, settled(1, 'completed'), settled(2, 'failed'), settled(3, 'completed'), completed({ completed: 2, failed: 1, cancelled: 0 })];

  it('sends nothing for a batch without a webhook', () => {
    expect(given([requested(), ...run]).notifications.every((notification) => notification === null)).toBe(true);
  });

  it('sends the final status once, at BatchCompleted, with the counts; no progress unless asked', () => {
    const { state, notifications } = given([requested({ url: 'http://h/' }), ...run, settled(3, 'completed'), completed({ completed: 9, failed: 9, cancelled: 9 })]);
    expect(notifications).toEqual([null, null, null, null, null, null, 'final', null, null]);
    expect(state).toMatchObject({ status: 'completed', tasks: 3, completed: 2, failed: 1, cancelled: 0, webhook: { url: 'http://h/' } });
  });

  it('reports progress as tasks are released and settle, when asked, and never after the end', () => {
    const { state, notifications } = given([requested({ url: 'http://h/', events: ['final', 'progress'] }), added, released, settled(1, 'failed'), cancelled, settled(2, 'cancelled'), completed({ completed: 0, failed: 1, cancelled: 2 }), settled(3, 'cancelled')]);
    expect(notifications).toEqual([null, null, 'progress', 'progress', null, 'progress', 'final', null]);
    expect(state).toMatchObject({ status: 'cancelled', released: 3, failed: 1, cancelled: 2 });
  });

  it('counts progress from the settled tasks before the end', () => {
    const { state } = given([requested({ url: 'http://h/' }), added, released, settled(1, 'completed'), settled(2, 'failed')]);
    expect(state).toMatchObject({ status: 'running', released: 3, completed: 1, failed: 1, cancelled: 0 });
  });
});
