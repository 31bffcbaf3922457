import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, newEvents, sleep, uniqueStream } from '../../../../test/contract/event-store.fixtures';
import type { RecordedEvent, Subscription } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';

/**
 * The subscriptions of one process share their reads of the newest events (RecentEvents). What must
 * hold whatever the timing: each gets every event once, in log order, as its own object, including
 * the events another process appended (never announced to this one) and while one of them lags far
 * behind the others.
 */
describe('SqliteEventStore: subscriptions sharing their reads', () => {
  let dir: string;
  let here: SqliteEventStore;
  let elsewhere: SqliteEventStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trawl-shared-reads-'));
    here = new SqliteEventStore({ path: join(dir, 'events.sqlite'), pollIntervalMs: 10 });
    elsewhere = new SqliteEventStore({ path: join(dir, 'events.sqlite'), pollIntervalMs: 10 });
  });
  afterEach(async () => {
    await here.close();
    await elsewhere.close();
    await rm(dir, { recursive: true, force: true });
  });

  function subscribe(from?: string, slowFor = 0): { seen: RecordedEvent[]; subscription: Subscription } {
    const seen: RecordedEvent[] = [];
    const subscription = here.subscribeToAll({
      from,
      onEvent: async (event) => {
        seen.push(event);
        if (slowFor > 0 && seen.length % 50 === 0) await sleep(slowFor);
      },
    });
    return { seen, subscription };
  }

  it('delivers every event, in order, to live, late and lagging subscribers alike', async () => {
    const streams = [uniqueStream('here'), uniqueStream('there')];
    const live = [subscribe(), subscribe(), subscribe(undefined, 25)];
    const append = async (round: number): Promise<void> => {
      // Appends of this process and of another one interleave; the other's are found by polling.
      await Promise.all([here.appendToStream(streams[0], newEvents(1 + (round % 3))), elsewhere.appendToStream(streams[1], newEvents(2))]);
    };
    for (let round = 0; round < 120; round += 1) await append(round);
    // A subscriber that starts now reads the whole log (pages of 256) while the run holds only its end.
    const late = subscribe();
    const fromMiddle = subscribe('100');
    for (let round = 120; round < 240; round += 1) await append(round);
    const all = await readWholeLog(here);
    const everyone = [...live, late, fromMiddle];
    await eventually(() => everyone.every(({ seen }) => seen.length >= all.length - (seen === fromMiddle.seen ? 100 : 0)), 'every subscriber at the head', 30_000);
    await Promise.all(everyone.map(({ subscription }) => subscription.stop()));
    const ids = all.map((event) => event.id);
    for (const { seen } of [...live, late]) expect(seen.map((event) => event.id)).toEqual(ids);
    expect(fromMiddle.seen.map((event) => event.id)).toEqual(ids.slice(100));
    for (const { seen } of everyone) expect(seen.map((event) => Number(event.position))).toEqual([...seen.map((event) => Number(event.position))].sort((a, b) => a - b));
  });

  it('gives each reader events of its own: one changing what it got changes nothing for another', async () => {
    const stream = uniqueStream('own');
    await here.appendToStream(stream, [{ id: newEvents(1)[0].id, type: 'Counted', data: { n: 1, list: [1] } }]);
    const [first] = await here.readAll();
    (first.data as { n: number; list: number[] }).n = 99;
    (first.data as { n: number; list: number[] }).list.push(2);
    const [again] = await here.readAll();
    expect(again.data).toEqual({ n: 1, list: [1] });
    expect(again).not.toBe(first);
  });

  it('a read that reaches the end of what it shares still finds what was appended after it', async () => {
    const stream = uniqueStream('tail');
    await here.appendToStream(stream, newEvents(3));
    expect(await here.readAll({ maxCount: 10 })).toHaveLength(3);
    await elsewhere.appendToStream(stream, newEvents(2));
    const second = await here.readAll({ from: '1', maxCount: 10 });
    expect(second.map((event) => event.position)).toEqual(['2', '3', '4', '5']);
    expect((await here.readAll({ from: '2', maxCount: 2 })).map((event) => event.position)).toEqual(['3', '4']);
  });
});

async function readWholeLog(store: SqliteEventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (let page = await store.readAll({ maxCount: 100 }); page.length > 0; page = await store.readAll({ from: all.at(-1)!.position, maxCount: 100 })) {
    all.push(...page);
  }
  return all;
}
