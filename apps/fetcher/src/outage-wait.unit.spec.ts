import { UnavailableError } from '@trawl/errors';
import { waitOutOutages } from './outage-wait';

describe('waitOutOutages', () => {
  it('runs again while the infrastructure is unavailable, then returns', async () => {
    let calls = 0;
    const result = await waitOutOutages(async () => {
      calls += 1;
      if (calls < 3) throw new UnavailableError('event store down');
      return 'done';
    }, new AbortController().signal);
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('passes any other failure through at once', async () => {
    let calls = 0;
    const failing = waitOutOutages(async () => {
      calls += 1;
      throw new Error('bug');
    }, new AbortController().signal);
    await expect(failing).rejects.toThrow('bug');
    expect(calls).toBe(1);
  });

  it('hands the job back when the consumer stops during an outage', async () => {
    const stop = new AbortController();
    const waiting = waitOutOutages(async () => {
      throw new UnavailableError('blob store down');
    }, stop.signal);
    setTimeout(() => stop.abort(new Error('stopping')), 50);
    await expect(waiting).rejects.toThrow('stopping');
  });
});
