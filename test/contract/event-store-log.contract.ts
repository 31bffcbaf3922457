import type { EventStore, RecordedEvent } from '@trawl/event-store';
import { StreamRecorder, eventually, newEvents, range, sleep, uniqueStream } from './event-store.fixtures';

/**
 * The store-wide log: paging, head position and subscriptions. Every test starts from the head it
 * finds, so other writers on a shared server only add events the recorders ignore.
 */
export function describeLogContract(getStore: () => EventStore): void {
  it('pages through the store-wide log in order, full pages until the end', async () => {
    const store = getStore();
    const stream = uniqueStream('paging');
    const other = uniqueStream('paging-other');
    const start = await store.headPosition();
    await store.appendToStream(stream, newEvents(3));
    await store.appendToStream(other, newEvents(1));
    await store.appendToStream(stream, newEvents(2), { expectedRevision: 2n });
    const log: RecordedEvent[] = [];
    let from = start;
    while (log.filter((event) => event.streamName === stream).length < 5) {
      const page = await store.readAll({ from, maxCount: 2 });
      log.push(...page);
      // Our last event is still ahead unless this page holds it, so the log cannot have ended.
      if (!page.some((event) => event.streamName === stream && event.revision === 4n)) expect(page).toHaveLength(2);
      from = page.at(-1)?.position;
    }
    const mine = log.filter((event) => [stream, other].includes(event.streamName));
    expect(mine.map((event) => `${event.streamName === other ? 'other' : 'ours'}:${event.revision}`)).toEqual([
      'ours:0', 'ours:1', 'ours:2', 'other:0', 'ours:3', 'ours:4',
    ]);
    expect(new Set(log.map((event) => event.id)).size).toBe(log.length);
  });

  it('headPosition is the position of the newest event', async () => {
    const store = getStore();
    const stream = uniqueStream('head');
    const result = await store.appendToStream(stream, newEvents(2));
    const head = await store.headPosition();
    expect(head).toEqual(expect.any(String));
    const afterHead = await store.readAll({ from: head });
    expect(afterHead.filter((event) => event.streamName === stream)).toEqual([]);
    // Nothing after our append, so nothing after it when head was read either: head must be ours.
    if ((await store.readAll({ from: result.position, maxCount: 1 })).length === 0) expect(head).toBe(result.position);
  });

  it('countEventsAfter counts the events after a position, up to the limit', async () => {
    const store = getStore();
    const stream = uniqueStream('count');
    const marker = await store.appendToStream(stream, newEvents(1));
    const last = await store.appendToStream(stream, newEvents(4), { expectedRevision: 0n });
    // Other writers on a shared server can only add events, so these are lower bounds and caps.
    expect(await store.countEventsAfter(marker.position, 1000)).toBeGreaterThanOrEqual(4);
    expect(await store.countEventsAfter(marker.position, 3)).toBe(3);
    expect(await store.countEventsAfter(marker.position, 0)).toBe(0);
    expect(await store.countEventsAfter(undefined, 5)).toBe(5);
    // Exclusive of `from`: what follows our last event is only what others wrote since (read after counting).
    const afterLast = await store.countEventsAfter(last.position, 1000);
    const readAfterLast = await store.readAll({ from: last.position, maxCount: 1000 });
    expect(readAfterLast.some((event) => event.streamName === stream)).toBe(false);
    expect(afterLast).toBeLessThanOrEqual(readAfterLast.length);
  });

  it('catches up from a checkpoint, then delivers live appends, in order', async () => {
    const store = getStore();
    const stream = uniqueStream('live');
    const start = await store.headPosition();
    await store.appendToStream(stream, newEvents(3));
    const recorder = new StreamRecorder(stream);
    const errors: unknown[] = [];
    const subscription = store.subscribeToAll({ from: start, onEvent: recorder.onEvent, onError: (e) => errors.push(e) });
    try {
      await eventually(() => recorder.seen.length >= 3, 'the catch-up');
      await store.appendToStream(stream, newEvents(2), { expectedRevision: 2n });
      await eventually(() => recorder.seen.length >= 5, 'the live events');
      await sleep(60);
      expect(recorder.revisions()).toEqual([0, 1, 2, 3, 4]);
      expect(errors).toEqual([]);
    } finally {
      await subscription.stop();
    }
  });

  it('a subscriber resumed from its saved checkpoint misses nothing and sees nothing twice', async () => {
    const store = getStore();
    const stream = uniqueStream('resume');
    const total = 50;
    const start = await store.headPosition();
    let written = 0;
    let stopping = false;
    const writer = (async () => {
      for (const n of range(total)) {
        if (n === 20) await eventually(() => stopping, 'the first subscriber to be stopping');
        await store.appendToStream(stream, newEvents(1), { expectedRevision: n === 0 ? 'no_stream' : BigInt(n - 1) });
        written += 1;
        await sleep(2);
      }
    })();
    const first = new StreamRecorder(stream);
    const firstSubscription = store.subscribeToAll({ from: start, onEvent: first.onEvent });
    await eventually(() => first.seen.length >= 10, 'ten events before the stop');
    stopping = true;
    await firstSubscription.stop();
    const seenAtStop = first.seen.length;
    const writtenAtStop = written;
    await eventually(() => written >= Math.min(writtenAtStop + 5, total), 'appends while stopped');
    expect(first.seen.length).toBe(seenAtStop);
    const second = new StreamRecorder(stream);
    const secondSubscription = store.subscribeToAll({ from: first.checkpoint, onEvent: second.onEvent });
    try {
      await writer;
      await eventually(() => first.seen.length + second.seen.length >= total, 'every event');
      await sleep(60);
      expect([...first.revisions(), ...second.revisions()]).toEqual(range(total));
    } finally {
      await secondSubscription.stop();
    }
  });

  it('a handler that throws stops the subscription and reports the error', async () => {
    const store = getStore();
    const stream = uniqueStream('throw');
    const start = await store.headPosition();
    await store.appendToStream(stream, newEvents(2));
    const failure = new Error('handler failed');
    const errors: unknown[] = [];
    let calls = 0;
    const onEvent = async (): Promise<void> => {
      calls += 1;
      throw failure;
    };
    const subscription = store.subscribeToAll({ from: start, onEvent, onError: (error) => errors.push(error) });
    await subscription.closed;
    expect(errors).toEqual([failure]);
    await store.appendToStream(stream, newEvents(1));
    await sleep(100);
    expect(calls).toBe(1);
    await subscription.stop();
  });

  it('stop() returns after the in-flight handler call, and nothing is delivered after it', async () => {
    const store = getStore();
    const stream = uniqueStream('stop');
    const start = await store.headPosition();
    await store.appendToStream(stream, newEvents(3));
    let calls = 0;
    let finished = false;
    const onEvent = async (): Promise<void> => {
      calls += 1;
      await sleep(100);
      finished = true;
    };
    const subscription = store.subscribeToAll({ from: start, onEvent });
    await eventually(() => calls === 1, 'the first handler call');
    await subscription.stop();
    expect(finished).toBe(true);
    await sleep(60);
    expect(calls).toBe(1);
  });
}
