import type { TaskEvent } from '../events/task-events';
import { taskExpiryFacts } from './task-expiry-facts';

const step = (type: TaskEvent['type'], recordedAt: string, data: Record<string, unknown> = {}) => ({ event: { type, data: { taskId: 't', ...data } } as unknown as TaskEvent, recordedAt });

describe('taskExpiryFacts', () => {
  it('takes expiresAt from the request and the final time from the first final event', () => {
    const facts = taskExpiryFacts([
      step('TaskRequested', '2026-01-01T00:00:00.000Z', { expiresAt: '2026-02-01T00:00:00.000Z' }),
      step('TaskCompleted', '2026-01-01T00:01:00.000Z'),
      step('TaskCancelled', '2026-01-01T00:02:00.000Z'),
    ]);
    expect(facts).toEqual({ finalAt: '2026-01-01T00:01:00.000Z', expiresAt: '2026-02-01T00:00:00.000Z', expired: false, released: false });
  });

  it('a running task has no final time; a requeue starts the count again', () => {
    expect(taskExpiryFacts([step('TaskRequested', '2026-01-01T00:00:00.000Z'), step('TaskStarted', '2026-01-01T00:00:01.000Z')]).finalAt).toBeNull();
    const requeued = taskExpiryFacts([
      step('TaskRequested', '2026-01-01T00:00:00.000Z'), step('TaskFailed', '2026-01-01T00:01:00.000Z'), step('TaskRequeued', '2026-01-02T00:00:00.000Z'),
    ]);
    expect(requeued.finalAt).toBeNull();
    expect(taskExpiryFacts([step('TaskRequested', 'a'), step('TaskFailed', 'b'), step('TaskRequeued', 'c'), step('TaskCompleted', 'd')]).finalAt).toBe('d');
  });

  it('knows when the task is expired and its blobs released already', () => {
    expect(taskExpiryFacts([step('TaskRequested', 'a'), step('TaskCompleted', 'b'), step('TaskExpired', 'c'), step('TaskBlobsReleased', 'd')])).toMatchObject({ expired: true, released: true });
  });
});
