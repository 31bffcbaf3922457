import { ProgressCoalescer } from './progress-coalescer';

describe('progress coalescer', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('sends the first report at once, then at most one per interval, the newest', () => {
    const sent: string[] = [];
    const coalescer = new ProgressCoalescer<string>(1000, (report) => sent.push(report), () => Date.now());
    coalescer.offer('t1', 'a');
    coalescer.offer('t1', 'b');
    coalescer.offer('t1', 'c');
    expect(sent).toEqual(['a']);
    jest.advanceTimersByTime(999);
    expect(sent).toEqual(['a']);
    jest.advanceTimersByTime(1);
    expect(sent).toEqual(['a', 'c']);
    coalescer.offer('t1', 'd');
    jest.advanceTimersByTime(1000);
    expect(sent).toEqual(['a', 'c', 'd']);
    jest.advanceTimersByTime(5000);
    coalescer.offer('t1', 'e');
    expect(sent).toEqual(['a', 'c', 'd', 'e']);
  });

  it('keeps tasks apart, and drops what waits when the task ends', () => {
    const sent: string[] = [];
    const coalescer = new ProgressCoalescer<string>(1000, (report) => sent.push(report), () => Date.now());
    coalescer.offer('t1', 't1-a');
    coalescer.offer('t2', 't2-a');
    coalescer.offer('t1', 't1-b');
    coalescer.forget('t1');
    jest.advanceTimersByTime(2000);
    expect(sent).toEqual(['t1-a', 't2-a']);
    expect(coalescer.size).toBe(1);
  });
});
