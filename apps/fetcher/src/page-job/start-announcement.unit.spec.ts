import type { LoadedTask } from '@trawl/tasks';
import { StartAnnouncement } from './start-announcement';

const afterStart = { state: null, expectedRevision: 1n, events: [] } satisfies LoadedTask;

describe('StartAnnouncement', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('records nothing for a job settled before the delay: the result carries the start', async () => {
    const append = jest.fn(async () => ({ loaded: afterStart }));
    const announcement = new StartAnnouncement(append, 500);
    jest.advanceTimersByTime(499);
    await expect(announcement.settle()).resolves.toBeNull();
    jest.advanceTimersByTime(10_000);
    expect(append).not.toHaveBeenCalled();
  });

  it('records the start once the job has worked for the delay, and hands on the task after it', async () => {
    const append = jest.fn(async () => ({ loaded: afterStart }));
    const announcement = new StartAnnouncement(append, 500);
    jest.advanceTimersByTime(500);
    expect(append).toHaveBeenCalledTimes(1);
    await expect(announcement.settle()).resolves.toBe(afterStart);
    await expect(announcement.now()).resolves.toBe(afterStart);
    expect(append).toHaveBeenCalledTimes(1);
  });

  it('records the start at once when asked (a failure to be retried), and not again when the delay passes', async () => {
    const append = jest.fn(async () => ({ loaded: afterStart }));
    const announcement = new StartAnnouncement(append, 500);
    await expect(announcement.now()).resolves.toBe(afterStart);
    jest.advanceTimersByTime(10_000);
    expect(append).toHaveBeenCalledTimes(1);
  });

  it("leaves a failed announcement to the result's append: null, not an error", async () => {
    const announcement = new StartAnnouncement(async () => Promise.reject(new Error('store unavailable')), 500);
    jest.advanceTimersByTime(500);
    await expect(announcement.settle()).resolves.toBeNull();
  });
});
