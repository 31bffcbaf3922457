import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@trawl/event-store';
import { z } from 'zod';
import { UrlRegistry, type UrlRecordKind } from './url-registry';

const fetched = z.object({ url: z.string(), by: z.string(), at: z.string() });
type Fetched = z.infer<typeof fetched>;
const KIND: UrlRecordKind<Fetched> = {
  eventType: 'ThingFetched',
  schema: fetched,
  schemaVersion: 3,
  streamName: (url) => `thing-${url.length}-${Buffer.from(url).toString('hex')}`,
  eventIdOf: (record) => `00000000-0000-8000-8000-${Buffer.from(`${record.by}${record.at}`).toString('hex').padStart(12, '0').slice(-12)}`,
};

let dir: string;
let events: SqliteEventStore;
let registry: UrlRegistry<Fetched>;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trawl-url-registry-'));
  events = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  registry = new UrlRegistry(events, KIND);
});
afterEach(async () => {
  await events.close();
  await rm(dir, { recursive: true, force: true });
});

describe('UrlRegistry', () => {
  it('knows nothing of a URL never recorded', async () => {
    expect(await registry.last('http://127.0.0.1/a')).toBeNull();
  });

  it("answers a URL's last record, on the kind's stream, with the kind's type and schema version", async () => {
    const url = 'http://127.0.0.1/b';
    await registry.record({ url, by: 'A', at: '1' });
    await registry.record({ url, by: 'B', at: '2' });
    expect(await registry.last(url)).toEqual({ url, by: 'B', at: '2' });
    const stream = await events.readStream(KIND.streamName(url));
    expect(stream.map((event) => [event.type, event.metadata.schemaVersion])).toEqual([['ThingFetched', 3], ['ThingFetched', 3]]);
    expect(await registry.last('http://127.0.0.1/other')).toBeNull();
  });

  it('records a redelivered record once (same event id), without an error', async () => {
    const url = 'http://127.0.0.1/c';
    await registry.record({ url, by: 'A', at: '1' });
    await registry.record({ url, by: 'A', at: '1' });
    expect(await events.readStream(KIND.streamName(url))).toHaveLength(1);
  });

  it('refuses a record its schema refuses, and ignores a last event of another type or shape', async () => {
    const url = 'http://127.0.0.1/d';
    await expect(registry.record({ url, by: 'A' } as Fetched)).rejects.toThrow();
    await events.appendToStream(KIND.streamName(url), [{ id: KIND.eventIdOf({ url, by: 'X', at: '9' }), type: 'ThingFetched', data: { url }, metadata: {} }], { expectedRevision: 'any' });
    expect(await registry.last(url)).toBeNull();
    await events.appendToStream(KIND.streamName(url), [{ id: KIND.eventIdOf({ url, by: 'Y', at: '9' }), type: 'SomethingElse', data: { url, by: 'Y', at: '9' }, metadata: {} }], { expectedRevision: 'any' });
    expect(await registry.last(url)).toBeNull();
  });
});
