import type { TaskEvent } from '../events/task-events';
import { deterministicEventId, stepInRun, steps } from './event-ids';
import { decideCompletion, decideRequeue, decideRequest } from './task-decisions';
import { foldTaskEvents } from './task-state';

const now = new Date('2026-01-01T00:00:00Z');
const at = now.toISOString();
const requested = decideRequest({ taskId: 't1', url: 'http://127.0.0.1/a', collect: ['text'], now });
const started: TaskEvent = { type: 'TaskStarted', data: { taskId: 't1', startedAt: at } };
const failed: TaskEvent = { type: 'TaskFailed', data: { taskId: 't1', error: { code: 'http-status', message: 'HTTP 503' }, failedAt: at } };
const pageFetched: TaskEvent = {
  type: 'PageFetched',
  data: {
    taskId: 't1', finalUrl: 'http://127.0.0.1/a', httpStatus: 200, contentType: 'text/html', charset: 'utf-8', bytes: 10,
    title: null, text: null, imagesFound: 0, imagesTruncated: false, fetchedAt: at,
  },
};
const completed: TaskEvent = { type: 'TaskCompleted', data: { taskId: 't1', imagesStored: 0, imagesFailed: 0, completedAt: at } };

function requeued(run: number): TaskEvent {
  return { type: 'TaskRequeued', data: { taskId: 't1', run, url: 'http://127.0.0.1/a', collect: ['text'], requeuedAt: at } };
}

describe('requeue (ADR 0005)', () => {
  it('given a failed task, when requeued, then a new run with the same URL and kinds is queued', () => {
    const decision = decideRequeue(foldTaskEvents([requested, started, failed]), now);
    expect(decision).toEqual({ kind: 'requeue', event: requeued(2) });
  });

  it('given a task that is not failed, when requeued, then it is refused with its status', () => {
    expect(decideRequeue(null, now)).toEqual({ kind: 'not-found' });
    expect(decideRequeue(foldTaskEvents([requested]), now)).toEqual({ kind: 'not-failed', status: 'queued' });
    expect(decideRequeue(foldTaskEvents([requested, started]), now)).toEqual({ kind: 'not-failed', status: 'running' });
    expect(decideRequeue(foldTaskEvents([requested, started, pageFetched, completed]), now)).toEqual({ kind: 'not-failed', status: 'completed' });
    expect(decideRequeue(foldTaskEvents([requested, started, failed, requeued(2)]), now)).toEqual({ kind: 'not-failed', status: 'queued' });
  });

  it('given a requeued task, then it is queued in run 2, and its new run can start, complete or fail again', () => {
    const again = foldTaskEvents([requested, started, failed, requeued(2)]);
    expect(again).toMatchObject({ status: 'queued', run: 2, pageFetched: false });
    expect(foldTaskEvents([requested, started, failed, requeued(2), started])?.status).toBe('running');
    const done = foldTaskEvents([requested, started, failed, requeued(2), started, pageFetched]);
    expect(decideCompletion(done, now)).toMatchObject({ type: 'TaskCompleted' });
    const failedTwice = foldTaskEvents([requested, started, failed, requeued(2), started, failed]);
    expect(failedTwice?.status).toBe('failed');
    expect(decideRequeue(failedTwice, now)).toMatchObject({ kind: 'requeue', event: { data: { run: 3 } } });
  });

  it('ignores a requeue event that arrives while the task is not failed', () => {
    const state = foldTaskEvents([requested, started, pageFetched, completed, requeued(2)]);
    expect(state).toMatchObject({ status: 'completed', run: 1 });
  });

  it('names the steps of later runs apart, and keeps the names of run 1', () => {
    expect(stepInRun(steps.started, 1)).toBe('started');
    expect(stepInRun(steps.started, 2)).toBe('started@run-2');
    const ids = [1, 2, 3].map((run) => deterministicEventId('t1', stepInRun(steps.started, run)));
    expect(new Set(ids).size).toBe(3);
    expect(ids[0]).toBe(deterministicEventId('t1', steps.started));
  });
});
