import { toTaskEvent, type TaskEvent } from '@trawl/domain';
import type { RecordedEvent } from '@trawl/event-store';
import { evolveWatched, notificationFor, type WatchedTask } from './watched-task';

const at = '2026-12-01T10:00:00.000Z';
const requested = (webhook?: { url: string; events?: ('final' | 'progress')[] }): TaskEvent => ({
  type: 'TaskRequested',
  data: { taskId: 't1', url: 'http://127.0.0.1/', collect: ['images'], requestedAt: at, ...(webhook ? { webhook } : {}) },
});
const started: TaskEvent = { type: 'TaskStarted', data: { taskId: 't1', startedAt: at } };
const stored: TaskEvent = {
  type: 'ImageStored',
  data: { taskId: 't1', imageId: 'i1', sourceUrl: 'http://127.0.0.1/a.png', sha256: 'a'.repeat(64), contentType: 'image/png', format: 'png', width: 1, height: 1, bytes: 1, storedAt: at },
};
const completed: TaskEvent = { type: 'TaskCompleted', data: { taskId: 't1', imagesStored: 1, imagesFailed: 0, completedAt: at } };
const cancelled: TaskEvent = { type: 'TaskCancelled', data: { taskId: 't1', cancelledAt: at } };

/** Folds the events, returning what each one asked the notifier to send. */
function given(events: TaskEvent[]): { state: WatchedTask | null; notifications: (string | null)[] } {
  let state: WatchedTask | null = null;
  const notifications: (string | null)[] = [];
  for (const event of events) {
    const next = evolveWatched(state, event);
    notifications.push(notificationFor(state, next, event));
    state = next;
  }
  return { state, notifications };
}

describe('watched task: which events deserve a webhook', () => {
  it('sends nothing for a task without a webhook', () => {
    expect(given([requested(), started, stored, completed]).notifications).toEqual([null, null, null, null]);
  });

  it('sends the final status once, with the counts, and no progress unless asked', () => {
    const { state, notifications } = given([requested({ url: 'http://h/' }), started, stored, completed, stored, cancelled]);
    expect(notifications).toEqual([null, null, null, 'final', null, null]);
    expect(state).toMatchObject({ status: 'completed', imagesStored: 1, imagesFailed: 0 });
  });

  it('reports progress steps when asked, never after the end', () => {
    const { notifications } = given([requested({ url: 'http://h/', events: ['final', 'progress'] }), started, stored, cancelled, stored]);
    expect(notifications).toEqual([null, 'progress', 'progress', 'final', null]);
  });

  it('sends the final status of a requeued run again (a new delivery)', () => {
    const failed: TaskEvent = { type: 'TaskFailed', data: { taskId: 't1', error: { code: 'http-404', message: '404' }, failedAt: at } };
    const requeued: TaskEvent = { type: 'TaskRequeued', data: { taskId: 't1', run: 2, url: 'http://127.0.0.1/', collect: ['images'], requeuedAt: at } };
    const { state, notifications } = given([requested({ url: 'http://h/' }), failed, requeued, started, completed]);
    expect(notifications).toEqual([null, 'final', null, null, 'final']);
    expect(state).toMatchObject({ run: 2, status: 'completed' });
  });

  it('is not asked about webhook events: toTaskEvent passes over them', () => {
    for (const type of ['WebhookAttempted', 'WebhookDelivered', 'WebhookDeadLettered']) {
      expect(toTaskEvent({ type, data: {}, streamName: 'task-t1', revision: 5n } as unknown as RecordedEvent)).toBeNull();
    }
  });
});
