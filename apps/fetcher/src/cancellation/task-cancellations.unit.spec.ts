import { TaskCancellations, TaskCancelledError } from './task-cancellations';

describe('TaskCancellations', () => {
  it('aborts the signals of every job of a cancelled task, and only of that task', () => {
    const registry = new TaskCancellations();
    const first = registry.enter('t1');
    const second = registry.enter('t1');
    const other = registry.enter('t2');
    registry.cancel('t1');
    expect(first.signal.aborted).toBe(true);
    expect(second.signal.reason).toBeInstanceOf(TaskCancelledError);
    expect(other.signal.aborted).toBe(false);
    expect(registry.isCancelled('t1')).toBe(true);
    expect(registry.isCancelled('t2')).toBe(false);
  });

  it('gives a job of an already cancelled task an aborted signal', () => {
    const registry = new TaskCancellations();
    registry.cancel('t1');
    expect(registry.enter('t1').signal.aborted).toBe(true);
  });

  it('forgets a task once its last job is released (a release twice counts once)', () => {
    const registry = new TaskCancellations();
    const a = registry.enter('t1');
    const b = registry.enter('t1');
    a.release();
    a.release();
    expect(registry.activeTasks).toBe(1);
    b.release();
    expect(registry.activeTasks).toBe(0);
  });
});
