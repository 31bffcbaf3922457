import type { RecordedEvent } from '@trawl/event-store';
import { StreamWatch, type WatchRules } from './stream-watch';

// A toy stream: 'open' starts it, 'tick' is progress, 'end' finishes it, 'again' opens it once more.
type Toy = 'open' | 'tick' | 'end' | 'again';
interface ToyState { ticks: number; ended: boolean }

const rules: WatchRules<Toy, ToyState> = {
  toEvent: (recorded) => (recorded.type === 'noise' ? null : (recorded.type as Toy)),
  evolve: (state, event) => {
    if (event === 'open' || event === 'again') return { ticks: state?.ticks ?? 0, ended: false };
    if (!state) return null;
    return event === 'tick' ? { ...state, ticks: state.ticks + 1 } : { ...state, ended: true };
  },
  isFinal: (state) => state.ended,
  notificationFor: (_before, after, event) => (event === 'end' ? 'final' : event === 'tick' && after ? 'progress' : null),
  reopens: (event) => event === 'again',
};

const log: Toy[] = ['open', 'tick', 'tick', 'end'];
const recordedAt = (revision: number, type: string = log[revision]): RecordedEvent =>
  ({ streamName: 'toy-1', type, revision: BigInt(revision), position: BigInt(revision), data: {}, metadata: {}, recordedAt: new Date(0) }) as unknown as RecordedEvent;

describe('stream watch: which events of a stream deserve a webhook', () => {
  it('folds a stream, reports progress and the final state, and forgets the finished stream', async () => {
    const watch = new StreamWatch(rules, () => []);
    const found = [];
    for (let revision = 0; revision < log.length; revision += 1) found.push(await watch.apply(recordedAt(revision), 'toy-1'));
    expect(found.map((notice) => notice?.notification ?? null)).toEqual([null, 'progress', 'progress', 'final']);
    expect(found[3]?.state).toEqual({ ticks: 2, ended: true });
    expect(watch.watched).toBe(0);
    expect(await watch.apply(recordedAt(3), 'toy-1')).toBeNull();
  });

  it('hydrates a stream first seen mid-way from its earlier events (async or not), and passes over foreign records', async () => {
    const read = jest.fn(async (recorded: RecordedEvent) => log.slice(0, Number(recorded.revision)));
    const watch = new StreamWatch(rules, read);
    expect(await watch.apply(recordedAt(4, 'noise'), 'toy-1')).toBeNull();
    expect(read).not.toHaveBeenCalled();
    const last = await watch.apply(recordedAt(3), 'toy-1');
    expect(last).toMatchObject({ notification: 'final', state: { ticks: 2, ended: true } });
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('a reopening event brings a finished stream back', async () => {
    const watch = new StreamWatch(rules, () => []);
    for (let revision = 0; revision < log.length; revision += 1) await watch.apply(recordedAt(revision), 'toy-1');
    expect(await watch.apply(recordedAt(4, 'tick'), 'toy-1')).toBeNull();
    await watch.apply(recordedAt(5, 'again'), 'toy-1');
    expect(watch.watched).toBe(1);
    expect(await watch.apply(recordedAt(6, 'end'), 'toy-1')).toMatchObject({ notification: 'final' });
  });
});
