import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '@trawl/errors';
import { SqliteEventStore } from '@trawl/event-store';
import { TrawlMetrics } from '@trawl/metrics';
import { TimedEventStore } from './timed-event-store';

const anEvent = () => ({ id: randomUUID(), type: 'ThingHappened', data: { n: 1 } });

async function appendCount(metrics: TrawlMetrics, outcome: string): Promise<number> {
  const values = (await metrics.eventStoreAppend.get()).values;
  return values.find((value) => value.metricName === 'trawl_event_store_append_seconds_count' && value.labels.outcome === outcome)?.value ?? 0;
}

describe('TimedEventStore (over an in-memory SQLite store)', () => {
  let inner: SqliteEventStore;
  let metrics: TrawlMetrics;
  let store: TimedEventStore;
  beforeEach(() => {
    inner = new SqliteEventStore({ path: ':memory:' });
    metrics = new TrawlMetrics({ defaultMetrics: false });
    store = new TimedEventStore(inner, metrics);
  });
  afterEach(async () => store.close());

  it('times each append by outcome: ok, conflict (wrong expected revision), error', async () => {
    await store.appendToStream('s-1', [anEvent()], { expectedRevision: 'no_stream' });
    await store.appendToStream('s-1', [anEvent(), anEvent()], { expectedRevision: 0n });
    await expect(store.appendToStream('s-1', [anEvent()], { expectedRevision: 0n })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(store.appendToStream('s-1', [])).rejects.toThrow();
    expect(await appendCount(metrics, 'ok')).toBe(2);
    expect(await appendCount(metrics, 'conflict')).toBe(1);
    expect(await appendCount(metrics, 'error')).toBe(1);
  });

  it('passes every other call through to the adapter unchanged', async () => {
    const { position } = await store.appendToStream('s-2', [anEvent(), anEvent()]);
    expect(await store.readStream('s-2')).toEqual(await inner.readStream('s-2'));
    expect(await store.readAll()).toHaveLength(2);
    expect(await store.headPosition()).toBe(position);
    expect(await store.countEventsAfter(undefined, 10)).toBe(2);
    await expect(store.ping()).resolves.toBeUndefined();
    const seen: string[] = [];
    const subscription = store.subscribeToAll({ onEvent: async (event) => void seen.push(event.streamName) });
    for (let i = 0; i < 100 && seen.length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    await subscription.stop();
    expect(seen).toEqual(['s-2', 's-2']);
    expect(await appendCount(metrics, 'ok')).toBe(1);
  });
});
