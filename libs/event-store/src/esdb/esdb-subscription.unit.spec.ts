import { PassThrough } from 'node:stream';
import {
  UnavailableError as EsdbUnavailableError,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type SubscribeToAllOptions as EsdbSubscribeOptions,
} from '@eventstore/db-client';
import { UnavailableError } from '@trawl/errors';
import type { RecordedEvent } from '../event-store.port';
import { EsdbSubscription } from './esdb-subscription';

function record(index: number, type = 'Thing'): AllStreamResolvedEvent {
  const position = { commit: BigInt(index * 10), prepare: BigInt(index * 10) };
  return {
    event: {
      streamId: 'thing-1', id: `id-${index}`, type, revision: BigInt(index), isJson: true,
      data: { index }, metadata: {}, created: new Date(0), position,
    },
  };
}

/** A subscription stream fed by the test; `unsubscribe` ends it, as the cancelled gRPC call does. */
function fakeClient() {
  const stream = Object.assign(new PassThrough({ objectMode: true }), {
    unsubscribe: async () => void stream.end(),
  });
  const requests: EsdbSubscribeOptions[] = [];
  const client = {
    subscribeToAll: (options: EsdbSubscribeOptions) => (requests.push(options), stream),
  } as unknown as EventStoreDBClient;
  return { client, stream, requests };
}

const indexOf = (event: RecordedEvent): number => (event.data as { index: number }).index;
const tick = (ms = 10) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean): Promise<void> {
  while (!check()) await tick(2);
}

describe('EsdbSubscription', () => {
  it('asks for the server-side system filter and delivers one event at a time, after the checkpoint', async () => {
    const { client, stream, requests } = fakeClient();
    const delivered: number[] = [];
    let running = 0;
    let maxRunning = 0;
    const onEvent = async (event: RecordedEvent) => {
      maxRunning = Math.max(maxRunning, ++running);
      await tick(5);
      delivered.push(indexOf(event));
      running -= 1;
    };
    const subscription = new EsdbSubscription(client, { from: '20:20', onEvent });
    for (const resolved of [record(2), record(3), record(4, '$statsCollected'), record(5), {}]) stream.write(resolved);
    await until(() => delivered.length === 2);
    await tick(20);
    await subscription.stop();
    expect(requests[0]).toMatchObject({ fromPosition: { commit: 20n, prepare: 20n }, filter: { filterOn: 'eventType' } });
    expect(delivered).toEqual([3, 5]);
    expect(maxRunning).toBe(1);
  });

  it('a handler throw stops it and reaches onError', async () => {
    const { client, stream } = fakeClient();
    const failure = new Error('handler failed');
    const errors: unknown[] = [];
    const subscription = new EsdbSubscription(client, {
      onEvent: async () => Promise.reject(failure),
      onError: (error) => errors.push(error),
    });
    stream.write(record(1));
    stream.write(record(2));
    await subscription.closed;
    expect(errors).toEqual([failure]);
  });

  it('a lost connection reaches onError as UnavailableError', async () => {
    const { client, stream } = fakeClient();
    const errors: unknown[] = [];
    const subscription = new EsdbSubscription(client, { onEvent: async () => undefined, onError: (e) => errors.push(e) });
    stream.destroy(new EsdbUnavailableError(undefined, 'connection lost'));
    await subscription.closed;
    expect(errors).toEqual([expect.any(UnavailableError)]);
  });

  it('stop() waits for the in-flight handler and delivers nothing after it', async () => {
    const { client, stream } = fakeClient();
    const delivered: number[] = [];
    let calls = 0;
    const onEvent = async (event: RecordedEvent) => {
      calls += 1;
      await tick(50);
      delivered.push(indexOf(event));
    };
    const subscription = new EsdbSubscription(client, { onEvent });
    stream.write(record(1));
    stream.write(record(2));
    await until(() => calls === 1);
    await subscription.stop();
    expect(delivered).toEqual([1]);
  });
});
