import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { SseStreams } from './sse-streams';
import { collectEventStream, readEventStream } from './test-support/sse-client';

interface View {
  revision: number;
  done: number;
  final: boolean;
}

/** SseStreams on a loopback Express app, following views the test moves by hand. */
describe('SseStreams over HTTP', () => {
  let server: Server;
  let baseUrl: string;
  let streams: SseStreams;
  const views = new Map<string, View>();
  const reads = new Map<string, number>();
  const failing = new Set<string>();

  beforeAll(async () => {
    streams = new SseStreams({ maxStreams: 2, timings: { pollMs: 20, minIntervalMs: 20, heartbeatMs: 60_000 } });
    const app = express();
    app.get('/things/:id/progress', (request, response, next) => {
      const id = request.params.id;
      const source = {
        read: async () => {
          reads.set(id, (reads.get(id) ?? 0) + 1);
          if (failing.has(id)) throw new Error('store down');
          return views.get(id) ?? null;
        },
        isFinal: (view: View) => view.final,
        toPayload: (view: View) => ({ id, done: view.done }),
      };
      streams.serve(request, response, source, `no thing with id ${id}`).catch(next);
    });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    streams.beforeApplicationShutdown();
    await new Promise((resolve) => server.close(resolve));
  });

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  async function until(condition: () => boolean): Promise<void> {
    for (let waited = 0; !condition(); waited += 10) {
      if (waited > 5000) throw new Error('condition not met within 5 s');
      await sleep(10);
    }
  }

  it('streams each change with its revision as id, then a final message, then ends', async () => {
    views.set('a', { revision: 1, done: 0, final: false });
    const response = await fetch(`${baseUrl}/things/a/progress`);
    const stream = readEventStream(response.body!);
    const messages = [(await stream.next()).value!]; // the state at the start, before the view moves
    const rest = (async () => {
      for await (const message of stream) messages.push(message);
    })();
    for (let step = 1; step <= 5; step += 1) {
      await sleep(60);
      views.set('a', { revision: 1 + step * 2, done: step, final: step === 5 });
    }
    await rest;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(messages[0]).toMatchObject({ id: '1', event: 'progress', data: '{"id":"a","done":0}' });
    expect(messages.at(-1)).toMatchObject({ id: '11', event: 'final', data: '{"id":"a","done":5}' });
    expect(messages.slice(0, -1).every((message) => message.event === 'progress')).toBe(true);
    const ids = messages.map((message) => Number(message.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    await until(() => streams.openStreams === 0);
  });

  it('resumed with the final id, sends the final state once and ends', async () => {
    views.set('b', { revision: 8, done: 3, final: true });
    const { messages } = await collectEventStream(`${baseUrl}/things/b/progress`, { lastEventId: '8' });
    expect(messages.map(({ id, event }) => ({ id, event }))).toEqual([{ id: '8', event: 'final' }]);
  });

  it('answers an unknown resource with a 404 problem before any stream starts', async () => {
    const response = await fetch(`${baseUrl}/things/nope/progress`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 404, code: 'not-found', detail: 'no thing with id nope', instance: '/things/nope/progress' });
    expect(streams.openStreams).toBe(0);
  });

  it('refuses streams past the cap with 503, stops polling for a client that left, and frees its slot', async () => {
    views.set('c', { revision: 1, done: 0, final: false });
    views.set('d', { revision: 1, done: 0, final: false });
    const leaving = new AbortController();
    const staying = new AbortController();
    const first = await fetch(`${baseUrl}/things/c/progress`, { signal: leaving.signal });
    const second = await fetch(`${baseUrl}/things/d/progress`, { signal: staying.signal });
    expect([first.status, second.status]).toEqual([200, 200]);

    const refused = await fetch(`${baseUrl}/things/c/progress`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toMatchObject({ code: 'too-many-streams', detail: expect.stringContaining('TRAWL_SSE_MAX_STREAMS') });

    leaving.abort();
    await until(() => streams.openStreams === 1);
    const readsAfterLeaving = reads.get('c')!;
    await sleep(200); // ten polling periods
    expect(reads.get('c')).toBe(readsAfterLeaving);
    expect(reads.get('d')!).toBeGreaterThan(5);

    const again = new AbortController();
    const third = await fetch(`${baseUrl}/things/c/progress`, { signal: again.signal });
    expect(third.status).toBe(200);
    again.abort();
    staying.abort();
    await until(() => streams.openStreams === 0);
  });

  it('ends a stream whose store stops answering, so the client reconnects', async () => {
    views.set('e', { revision: 1, done: 0, final: false });
    const response = await fetch(`${baseUrl}/things/e/progress`);
    const messages = readEventStream(response.body!);
    expect((await messages.next()).value).toMatchObject({ id: '1', event: 'progress' });
    failing.add('e');
    expect((await messages.next()).done).toBe(true);
    await until(() => streams.openStreams === 0);
  });

  it('ends every stream on shutdown and refuses new ones', async () => {
    views.set('f', { revision: 1, done: 0, final: false });
    const following = collectEventStream(`${baseUrl}/things/f/progress`);
    await until(() => streams.openStreams === 1);
    streams.beforeApplicationShutdown();
    const { messages } = await following;
    expect(messages.map((message) => message.event)).toEqual(['progress']);
    const refused = await fetch(`${baseUrl}/things/f/progress`);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ code: 'too-many-streams', detail: expect.stringContaining('shutting down') });
  });
});
