import { SHUTDOWN_MARGIN_MS, armShutdownDeadline } from './graceful-shutdown';

describe('shutdown deadline', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('exits with 1 only once the grace and the margin have passed, without keeping the process alive', () => {
    const exit = jest.fn();
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const timer = armShutdownDeadline(5000, exit);
    expect(timer.hasRef()).toBe(false);
    jest.advanceTimersByTime(5000 + SHUTDOWN_MARGIN_MS - 1);
    expect(exit).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(exit).toHaveBeenCalledWith(1);
    expect(write).toHaveBeenCalledWith(expect.stringContaining(`within ${5000 + SHUTDOWN_MARGIN_MS} ms`));
    write.mockRestore();
  });
});
