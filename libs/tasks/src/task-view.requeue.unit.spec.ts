import type { TaskEvent } from '@trawl/domain';
import { projectTaskView } from './task-view.projection';

const at = '2026-01-01T00:00:00.000Z';
const requested: TaskEvent = { type: 'TaskRequested', data: { taskId: 't1', url: 'http://127.0.0.1/', collect: ['text'], requestedAt: at } };
const failed: TaskEvent = { type: 'TaskFailed', data: { taskId: 't1', error: { code: 'http-status', message: 'HTTP 503' }, failedAt: at } };
const requeued: TaskEvent = { type: 'TaskRequeued', data: { taskId: 't1', run: 2, url: 'http://127.0.0.1/', collect: ['text'], requeuedAt: at } };
const completed: TaskEvent = { type: 'TaskCompleted', data: { taskId: 't1', imagesStored: 0, imagesFailed: 0, completedAt: at } };

describe('task view projection of a requeue (ADR 0005)', () => {
  const created = projectTaskView(null, requested, { revision: 0, recordedAt: at })!;
  const failedView = projectTaskView(created, failed, { revision: 2, recordedAt: at })!;

  it('shows a requeued failed task as queued again, without the old error, and later as completed', () => {
    const queued = projectTaskView(failedView, requeued, { revision: 3, recordedAt: at })!;
    expect(queued).toMatchObject({ status: 'queued', error: null, revision: 3 });
    const started = projectTaskView(queued, { type: 'TaskStarted', data: { taskId: 't1', startedAt: at } }, { revision: 4, recordedAt: at })!;
    expect(started.status).toBe('running');
    expect(projectTaskView(started, completed, { revision: 6, recordedAt: at })!.status).toBe('completed');
  });

  it('leaves a task that is not failed as it is, and ignores a replayed requeue', () => {
    const done = projectTaskView(created, completed, { revision: 3, recordedAt: at })!;
    expect(projectTaskView(done, requeued, { revision: 4, recordedAt: at })!.status).toBe('completed');
    const queued = projectTaskView(failedView, requeued, { revision: 3, recordedAt: at })!;
    expect(projectTaskView(queued, requeued, { revision: 3, recordedAt: at })).toBeNull();
  });
});
