import { decideRequest, foldTaskEvents, taskEventSchemas, type TaskEvent } from '@trawl/domain';
import { projectTaskView } from './task-view.projection';

const now = new Date('2026-01-01T00:00:00Z');
const meta = { revision: 0, recordedAt: now.toISOString() };
/** TaskRequested as written before the field existed. */
const legacy: TaskEvent = { type: 'TaskRequested', data: { taskId: 't1', url: 'http://127.0.0.1/', collect: ['text'], requestedAt: now.toISOString() } };

describe('respectRobots from request to task state and view', () => {
  it('is true unless the request opts out', () => {
    const byDefault = decideRequest({ taskId: 't1', url: 'http://127.0.0.1/', collect: ['text'], now });
    const optedOut = decideRequest({ taskId: 't1', url: 'http://127.0.0.1/', collect: ['text'], respectRobots: false, now });
    expect(byDefault.data).toMatchObject({ respectRobots: true });
    expect(foldTaskEvents([optedOut])?.respectRobots).toBe(false);
    expect(projectTaskView(null, optedOut, meta)?.respectRobots).toBe(false);
  });

  it('reads events written before the field existed as true', () => {
    expect(taskEventSchemas.TaskRequested.safeParse(legacy.data).success).toBe(true);
    expect(foldTaskEvents([legacy])?.respectRobots).toBe(true);
    expect(projectTaskView(null, legacy, meta)?.respectRobots).toBe(true);
  });

  it('refuses a value that is not a boolean', () => {
    expect(() => taskEventSchemas.TaskRequested.parse({ ...legacy.data, respectRobots: 'no' })).toThrow();
  });
});
