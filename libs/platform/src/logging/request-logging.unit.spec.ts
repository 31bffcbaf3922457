import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import pino from 'pino';
import { requestLogging } from './request-logging';

/** A pino destination that keeps the parsed lines. */
function memoryDestination(lines: Array<Record<string, unknown>>): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
}

describe('requestLogging (in-process Express on loopback)', () => {
  let server: Server;
  let base: string;
  const lines: Array<Record<string, unknown>> = [];
  const seenByHandler: string[] = [];

  beforeAll(async () => {
    const logger = pino({ level: 'info' }, memoryDestination(lines));
    const app = express();
    app.use(requestLogging(logger));
    app.post('/api/v1/tasks', (request, response) => {
      seenByHandler.push(String(request.headers['x-correlation-id']));
      response.status(202).send('accepted');
    });
    app.get('/api/v1/tasks/:id', (_request, response) => void response.status(500).send('broken'));
    app.get('/health', (_request, response) => void response.send('ok'));
    app.get('/with-handler-log', (request, response) => {
      (request as unknown as { log: pino.Logger }).log.warn('from the handler');
      response.send('ok');
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  const lineFor = async (predicate: (line: Record<string, unknown>) => boolean) => {
    for (let i = 0; i < 100; i += 1) {
      const found = lines.find(predicate);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no such log line in ${JSON.stringify(lines)}`);
  };

  it('logs one line per request with method, route, status, duration and the caller\'s correlation id, echoed back', async () => {
    const response = await fetch(`${base}/api/v1/tasks`, { method: 'POST', headers: { 'x-correlation-id': 'corr-abc.1' } });
    expect(response.headers.get('x-correlation-id')).toBe('corr-abc.1');
    expect(seenByHandler.at(-1)).toBe('corr-abc.1');
    const line = await lineFor((candidate) => candidate.correlationId === 'corr-abc.1');
    expect(line).toMatchObject({ level: 30, req: { method: 'POST', url: '/api/v1/tasks' }, res: { statusCode: 202 }, route: '/api/v1/tasks', msg: 'POST /api/v1/tasks 202' });
    expect(line.durationMs).toEqual(expect.any(Number));
    expect(lines.filter((candidate) => candidate.correlationId === 'corr-abc.1')).toHaveLength(1);
  });

  it('makes a correlation id when the caller sent none or a malformed one, and handlers see the same id', async () => {
    const response = await fetch(`${base}/api/v1/tasks`, { method: 'POST', headers: { 'x-correlation-id': 'bad id with spaces' } });
    const id = response.headers.get('x-correlation-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(seenByHandler.at(-1)).toBe(id);
    await lineFor((candidate) => candidate.correlationId === id);
  });

  it('gives handlers a request logger bound to the request and its correlation id', async () => {
    await fetch(`${base}/with-handler-log`, { headers: { 'x-correlation-id': 'handler-log-1' } });
    expect(await lineFor((candidate) => candidate.msg === 'from the handler')).toMatchObject({
      level: 40, correlationId: 'handler-log-1', req: { method: 'GET', url: '/with-handler-log' },
    });
  });

  it('logs a 5xx at error level by its route pattern, and probes only at debug (not shown at info)', async () => {
    const failed = await fetch(`${base}/api/v1/tasks/1234`);
    const id = failed.headers.get('x-correlation-id');
    expect(await lineFor((candidate) => candidate.correlationId === id)).toMatchObject({ level: 50, route: '/api/v1/tasks/:id', res: { statusCode: 500 } });
    const probe = await fetch(`${base}/health`);
    const probeId = probe.headers.get('x-correlation-id');
    await fetch(`${base}/api/v1/tasks`, { method: 'POST', headers: { 'x-correlation-id': 'after-probe' } });
    await lineFor((candidate) => candidate.correlationId === 'after-probe');
    expect(lines.some((candidate) => candidate.correlationId === probeId)).toBe(false);
  });
});
