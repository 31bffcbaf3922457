import { startedByNpm } from './graceful-shutdown';
import { parentChanged, watchParent } from './parent-watch';

describe('parent watch (npm start)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('calls back once when the parent pid changes (npm gone, the process adopted), and not before', () => {
    let ppid = 4242;
    const onGone = jest.fn();
    const timer = watchParent(onGone, { intervalMs: 1000, parentPid: () => ppid });
    expect(timer.hasRef()).toBe(false);
    jest.advanceTimersByTime(5000);
    expect(onGone).not.toHaveBeenCalled();
    ppid = 1;
    jest.advanceTimersByTime(1000);
    expect(onGone).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(5000);
    expect(onGone).toHaveBeenCalledTimes(1);
  });

  it('tells a changed parent and a run under npm apart', () => {
    expect(parentChanged(4242, 4242)).toBe(false);
    expect(parentChanged(4242, 1)).toBe(true);
    expect(startedByNpm({ npm_lifecycle_event: 'start' })).toBe(true);
    expect(startedByNpm({})).toBe(false);
  });
});
