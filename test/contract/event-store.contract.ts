import { DuplicateEventError, WrongExpectedRevisionError } from '@trawl/errors';
import type { EventStore } from '@trawl/event-store';
import { describeLogContract } from './event-store-log.contract';
import { newEvents, range, uniqueStream } from './event-store.fixtures';

export interface EventStoreFixture {
  store: EventStore;
  cleanup(): Promise<void>;
}

/**
 * The behaviour every EventStore adapter must show, against a real backend. The backend may be shared
 * (EventStoreDB is): every test writes to its own streams and ignores events of other streams.
 */
export function describeEventStoreContract(adapterName: string, factory: () => Promise<EventStoreFixture>): void {
  describe('contract: event store [' + adapterName + ']', () => {
    let fixture: EventStoreFixture;
    let store: EventStore;
    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });
    afterEach(async () => fixture?.cleanup());

    it('appends events and reads them back in order, with revisions from 0', async () => {
      const stream = uniqueStream('order');
      const events = newEvents(3);
      const result = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
      const read = await store.readStream(stream);
      expect(result.nextExpectedRevision).toBe(2n);
      expect(read.map((event) => event.id)).toEqual(events.map((event) => event.id));
      expect(read.map((event) => event.revision)).toEqual([0n, 1n, 2n]);
      expect(read[1]).toMatchObject({ streamName: stream, type: 'ThingHappened', data: { n: 1, note: 'event 1' } });
      expect(read[1].metadata).toMatchObject({ correlationId: 'corr-contract', schemaVersion: 1 });
      expect(read[1].recordedAt).toBeInstanceOf(Date);
      expect(read[2].position).toBe(result.position);
      expect(new Set(read.map((event) => event.position)).size).toBe(3);
    });

    it('no_stream: accepts a new stream, rejects an existing one', async () => {
      const stream = uniqueStream('no-stream');
      await store.appendToStream(stream, newEvents(1), { expectedRevision: 'no_stream' });
      const again = store.appendToStream(stream, newEvents(1), { expectedRevision: 'no_stream' });
      await expect(again).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(again).rejects.toMatchObject({ streamName: stream, expected: 'no_stream', actual: '0' });
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it('exact revision: accepts the current one, rejects a stale or future one', async () => {
      const stream = uniqueStream('exact');
      await store.appendToStream(stream, newEvents(2));
      const next = await store.appendToStream(stream, newEvents(1), { expectedRevision: 1n });
      expect(next.nextExpectedRevision).toBe(2n);
      const stale = store.appendToStream(stream, newEvents(1), { expectedRevision: 1n });
      await expect(stale).rejects.toMatchObject({ code: 'wrong-expected-revision', expected: '1', actual: '2' });
      await expect(store.appendToStream(stream, newEvents(1), { expectedRevision: 7n })).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      expect(await store.readStream(stream)).toHaveLength(3);
    });

    it('stream_exists: rejects a missing stream, accepts an existing one; any accepts both', async () => {
      const stream = uniqueStream('exists');
      const missing = store.appendToStream(stream, newEvents(1), { expectedRevision: 'stream_exists' });
      await expect(missing).rejects.toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
      expect((await store.appendToStream(stream, newEvents(1), { expectedRevision: 'any' })).nextExpectedRevision).toBe(0n);
      const exists = await store.appendToStream(stream, newEvents(2), { expectedRevision: 'stream_exists' });
      expect(exists.nextExpectedRevision).toBe(2n);
      expect((await store.appendToStream(stream, newEvents(1))).nextExpectedRevision).toBe(3n);
    });

    it('two writers that read the same revision: exactly one append wins', async () => {
      const stream = uniqueStream('race');
      await store.appendToStream(stream, newEvents(1));
      for (const round of range(5)) {
        const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
        const outcomes = await Promise.allSettled([
          store.appendToStream(stream, newEvents(1, 'WriterA'), { expectedRevision: last.revision }),
          store.appendToStream(stream, newEvents(1, 'WriterB'), { expectedRevision: last.revision }),
        ]);
        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
        expect(won).toHaveLength(1);
        expect(lost).toEqual([expect.any(WrongExpectedRevisionError)]);
        expect(await store.readStream(stream)).toHaveLength(round + 2);
      }
    });

    it('a retried append of the same ids succeeds and stores nothing new', async () => {
      const stream = uniqueStream('retry');
      const first = newEvents(2);
      const original = await store.appendToStream(stream, first, { expectedRevision: 'no_stream' });
      const retried = await store.appendToStream(stream, first, { expectedRevision: 'no_stream' });
      expect(retried.nextExpectedRevision).toBe(original.nextExpectedRevision);
      const second = newEvents(3);
      await store.appendToStream(stream, second, { expectedRevision: 1n });
      expect((await store.appendToStream(stream, second, { expectedRevision: 1n })).nextExpectedRevision).toBe(4n);
      expect((await store.readStream(stream)).map((event) => event.id)).toEqual([...first, ...second].map((e) => e.id));
    });

    it('rejects what it cannot store, before writing anything', async () => {
      const stream = uniqueStream('invalid');
      const [valid] = newEvents(1);
      await expect(store.appendToStream(stream, [])).rejects.toBeInstanceOf(RangeError);
      await expect(store.appendToStream(stream, [{ ...valid, id: 'not-a-uuid' }])).rejects.toBeInstanceOf(TypeError);
      await expect(store.appendToStream(stream, [{ ...valid, type: '$system' }])).rejects.toBeInstanceOf(RangeError);
      await expect(store.appendToStream(stream, [valid, valid])).rejects.toBeInstanceOf(DuplicateEventError);
      await expect(store.appendToStream('$system-stream', [valid])).rejects.toBeInstanceOf(RangeError);
      expect(await store.readStream(stream)).toEqual([]);
    });

    it('reads a missing stream as empty', async () => {
      expect(await store.readStream(uniqueStream('missing'))).toEqual([]);
      expect(await store.readStream(uniqueStream('missing'), { direction: 'backwards' })).toEqual([]);
    });

    it('reads forwards and backwards, from a revision, with a maximum count', async () => {
      const stream = uniqueStream('directions');
      await store.appendToStream(stream, newEvents(5));
      const revisions = async (options: Parameters<EventStore['readStream']>[1]) =>
        (await store.readStream(stream, options)).map((event) => Number(event.revision));
      expect(await revisions({ direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
      expect(await revisions({ direction: 'backwards', fromRevision: 2n, maxCount: 2 })).toEqual([2, 1]);
      expect(await revisions({ fromRevision: 3n })).toEqual([3, 4]);
      expect(await revisions({ maxCount: 2 })).toEqual([0, 1]);
      expect(await revisions({ fromRevision: 9n })).toEqual([]);
    });

    describeLogContract(() => store);
  });
}
