import { SingleFlight } from './single-flight';

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

describe('SingleFlight', () => {
  it('runs the work once for concurrent callers of one key, and shares its result', async () => {
    const flights = new SingleFlight<string>();
    const download = deferred<string>();
    let runs = 0;
    const work = () => ((runs += 1), download.promise);
    const first = flights.run('u', new AbortController().signal, work);
    const second = flights.run('u', new AbortController().signal, work);
    download.resolve('bytes');
    expect(await first).toEqual({ value: 'bytes', shared: false });
    expect(await second).toEqual({ value: 'bytes', shared: true });
    expect(runs).toBe(1);
    expect(flights.inFlight).toBe(0);
  });

  it('shares a failure too, but not one caused by the leader being aborted', async () => {
    const flights = new SingleFlight<string>();
    const failing = deferred<string>();
    const first = flights.run('u', new AbortController().signal, () => failing.promise);
    const second = flights.run('u', new AbortController().signal, async () => 'never');
    failing.reject(new Error('404'));
    await expect(first).rejects.toThrow('404');
    await expect(second).rejects.toThrow('404');

    const leader = new AbortController();
    const aborted = deferred<string>();
    const lead = flights.run('v', leader.signal, () => aborted.promise);
    const follow = flights.run('v', new AbortController().signal, async () => 'own download');
    leader.abort();
    aborted.reject(new Error('aborted'));
    await expect(lead).rejects.toThrow('aborted');
    expect(await follow).toEqual({ value: 'own download', shared: false });
  });

  it('starts a new flight once the previous one landed', async () => {
    const flights = new SingleFlight<number>();
    let runs = 0;
    await flights.run('u', new AbortController().signal, async () => ++runs);
    expect(await flights.run('u', new AbortController().signal, async () => ++runs)).toEqual({ value: 2, shared: false });
  });
});
