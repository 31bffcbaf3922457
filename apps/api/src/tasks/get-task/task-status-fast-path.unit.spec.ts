import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { TrawlMetrics } from '@trawl/metrics';
import { SqliteReadModelStore } from '@trawl/read-models';
import pino from 'pino';
import { aTask } from '../../../../../test/contract/read-model-fixtures';
import { weakEtagOf } from '../../http/json-etag';
import { presentTask } from '../task-presenter';
import { answerTaskStatusFirst, statusTaskIdOf } from './task-status-fast-path';
import { TaskStatusCache } from './task-status-cache';

const ID = '6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const PATH = `/api/v1/tasks/${ID}`;

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  rawHeaderNames: string[];
  body: string;
}

function call(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, rawHeaderNames: response.rawHeaders.filter((_, i) => i % 2 === 0), body: text }));
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

describe('the status GET answered ahead of Express (loopback server, in-memory read model)', () => {
  const lines: Array<Record<string, unknown>> = [];
  const toExpress: string[] = [];
  let admitted = true;
  let store: SqliteReadModelStore;
  let metrics: TrawlMetrics;
  let server: Server;
  let port: number;
  const view = aTask({ id: ID, revision: 5, status: 'completed', error: null });
  const body = JSON.stringify(presentTask(view));

  beforeAll(async () => {
    store = new SqliteReadModelStore(':memory:');
    await store.saveTask(view);
    metrics = new TrawlMetrics();
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _encoding, done) => void (lines.push(JSON.parse(chunk.toString())), done()) }));
    // Stands in for Express: says that it got the request.
    server = createServer((request, response) => {
      toExpress.push(`${request.method} ${request.url}`);
      response.writeHead(299, { 'content-type': 'text/plain' }).end('express');
    });
    answerTaskStatusFirst(server, { cache: new TaskStatusCache(store), admits: () => admitted, logger, metrics });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await store.close();
  });
  beforeEach(() => {
    toExpress.length = 0;
    admitted = true;
  });

  it("answers a found task's GET itself: the route's JSON, ETag, content type and a correlation id, logged and timed by route", async () => {
    const answer = await call(port, 'GET', `${PATH}?any=query`, { 'x-correlation-id': 'fast-1' });
    expect(answer).toMatchObject({ status: 200, body });
    expect(answer.headers).toMatchObject({ 'x-correlation-id': 'fast-1', 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), etag: weakEtagOf(body) });
    expect(answer.rawHeaderNames.slice(0, 4)).toEqual(['x-correlation-id', 'Content-Type', 'Content-Length', 'ETag']);
    expect(toExpress).toEqual([]);
    const line = lines.find((candidate) => candidate.correlationId === 'fast-1');
    expect(line).toMatchObject({ level: 30, req: { method: 'GET', url: `${PATH}?any=query` }, res: { statusCode: 200 }, route: '/api/v1/tasks/:id', msg: 'GET /api/v1/tasks/:id 200' });
    expect(line!.durationMs).toEqual(expect.any(Number));
    const histogram = await metrics.httpRequestDuration.get();
    expect(histogram.values.find((value) => value.metricName?.endsWith('_count') && value.labels.route === '/api/v1/tasks/:id' && value.labels.status === '200' && value.labels.method === 'GET')?.value).toBe(1);
  });

  it('makes a correlation id when none (or a malformed one) is sent, answers HEAD with headers alone, and 304 to a matching If-None-Match', async () => {
    const made = await call(port, 'GET', PATH, { 'x-correlation-id': 'not valid!' });
    expect(made.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    const head = await call(port, 'HEAD', PATH);
    expect(head).toMatchObject({ status: 200, body: '' });
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    const cached = await call(port, 'GET', PATH, { 'if-none-match': `"other", ${weakEtagOf(body)}` });
    expect(cached).toMatchObject({ status: 304, body: '' });
    expect(cached.headers.etag).toBe(weakEtagOf(body));
    expect((await call(port, 'GET', PATH, { 'if-none-match': weakEtagOf(body), 'cache-control': 'no-cache' })).status).toBe(200);
    expect(toExpress).toEqual([]);
  });

  it('leaves to Express whatever it does not answer: unknown or malformed ids, other forms of the path, bodies, other methods, refused keys', async () => {
    await call(port, 'GET', `/api/v1/tasks/${UNKNOWN}`);
    await call(port, 'GET', '/api/v1/tasks/not-a-task');
    await call(port, 'GET', `${PATH}/`);
    await call(port, 'GET', `/API/v1/tasks/${ID}`);
    await call(port, 'GET', `/api/v1/tasks/${ID.replace('-', '%2D')}`);
    await call(port, 'GET', `${PATH}/images`);
    await call(port, 'GET', PATH, { 'content-type': 'application/json', 'content-length': '4' }, '{bad');
    await call(port, 'DELETE', PATH);
    await call(port, 'GET', '/api/v1/tasks');
    admitted = false;
    const refused = await call(port, 'GET', PATH);
    expect(refused).toMatchObject({ status: 299, body: 'express' });
    expect(toExpress).toEqual([
      `GET /api/v1/tasks/${UNKNOWN}`, 'GET /api/v1/tasks/not-a-task', `GET ${PATH}/`, `GET /API/v1/tasks/${ID}`, `GET /api/v1/tasks/${ID.replace('-', '%2D')}`,
      `GET ${PATH}/images`, `GET ${PATH}`, `DELETE ${PATH}`, 'GET /api/v1/tasks', `GET ${PATH}`,
    ]);
  });

  it('answers with the new view as soon as the read model has it', async () => {
    const before = await call(port, 'GET', PATH);
    const changed = aTask({ id: ID, revision: 6, status: 'completed', error: null, updatedAt: '2025-03-01T00:00:00.000Z', page: { finalUrl: 'http://127.0.0.1:8080/moved', title: 'Renamed', httpStatus: 200, contentType: 'text/html' } });
    await store.saveTask(changed);
    const after = await call(port, 'GET', PATH, { 'if-none-match': String(before.headers.etag) });
    const changedBody = JSON.stringify(presentTask(changed));
    expect(after).toMatchObject({ status: 200, body: changedBody });
    expect(after.headers.etag).toBe(weakEtagOf(changedBody));
    expect(JSON.parse(after.body)).toMatchObject({ title: 'Renamed', updatedAt: '2025-03-01T00:00:00.000Z' });
  });

  it('statusTaskIdOf: the id of the plain form only', () => {
    const of = (method: string, url: string, headers: Record<string, string> = {}) => statusTaskIdOf({ method, url, headers } as unknown as IncomingMessage);
    expect(of('GET', PATH)).toBe(ID);
    expect(of('HEAD', `${PATH}?a=1`)).toBe(ID);
    expect(of('GET', PATH, { 'content-length': '0' })).toBeNull();
    expect(of('GET', PATH, { 'transfer-encoding': 'chunked' })).toBeNull();
    expect(of('POST', PATH)).toBeNull();
    expect(of('GET', `${PATH}x`)).toBeNull();
    expect(of('GET', `${PATH}#x`)).toBeNull();
    expect(of('GET', '/api/v1/tasks/')).toBeNull();
  });

  it('refuses to install on a server whose requests do not all go to one listener', () => {
    expect(() => answerTaskStatusFirst(createServer(), { cache: new TaskStatusCache(store), admits: () => true, logger: pino({ level: 'silent' }), metrics })).toThrow(/request listeners/);
  });
});
