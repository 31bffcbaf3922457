import type { ServerResponse } from 'node:http';
import { Readable, pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { BodyTooLargeError, ConnectionResetError, FetchTimeoutError } from './fetch-errors';
import { DEFAULT_FETCH_LIMITS, type FetchLimits } from './fetch-limits';
import { loopbackClient, readAll, startLoopbackServer, type LoopbackServer } from './test-support/loopback-server';

// Generous under load (2 cores, other suites running); each test's own assertion says what ended it.
jest.setTimeout(30_000);

const MiB = 1024 * 1024;
const limits: FetchLimits = { ...DEFAULT_FETCH_LIMITS, maxBytes: 4 * MiB, connectTimeoutMs: 5_000, totalTimeoutMs: 15_000 };
const zeros = Buffer.alloc(64 * 1024);

/** Writes zeros until the client goes away, respecting back-pressure. */
function writeForever(res: ServerResponse): void {
  const pump = () => {
    while (!res.destroyed && res.write(zeros));
    if (!res.destroyed) res.once('drain', pump);
  };
  pump();
}

/** 1 GiB of zeros, gzipped on the fly as the client reads (about 1 MiB on the wire); never stored. */
function gzipBomb(res: ServerResponse, sent: { compressed: number }): void {
  res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
  const source = Readable.from((function* () {
    for (let i = 0; i < 16 * 1024; i += 1) yield zeros;
  })());
  const gzip = zlib.createGzip({ level: 9 });
  gzip.on('data', (chunk: Buffer) => (sent.compressed += chunk.length));
  pipeline(source, gzip, res, () => undefined);
}

/** Drains a body counting bytes, sampling memory; returns what happened. */
async function drain(body: AsyncIterable<Buffer>) {
  const baseline = process.memoryUsage().rss;
  let bytes = 0;
  let peakGrowth = 0;
  try {
    for await (const chunk of body) {
      bytes += chunk.length;
      peakGrowth = Math.max(peakGrowth, process.memoryUsage().rss - baseline);
    }
    return { bytes, peakGrowth, error: undefined };
  } catch (error) {
    return { bytes, peakGrowth, error };
  }
}

describe('GotScrapingHttpClient: a hostile server cannot exceed the limits', () => {
  let server: LoopbackServer;
  const bomb = { compressed: 0 };

  beforeAll(async () => {
    server = await startLoopbackServer('127.0.0.1', (req, res) => {
      switch (req.url) {
        case '/endless':
          res.writeHead(200, { 'content-type': 'text/html' });
          return writeForever(res);
        case '/bomb':
          return gzipBomb(res, bomb);
        case '/drip': {
          res.writeHead(200, { 'content-type': 'text/html' });
          const drip = setInterval(() => res.write('.'), 1_000);
          res.on('close', () => clearInterval(drip));
          return void res.write('.');
        }
        case '/reset':
          res.writeHead(200, { 'content-type': 'text/html' });
          res.write('x'.repeat(1000));
          return void setTimeout(() => req.socket.resetAndDestroy(), 50);
        case '/declared-large':
          res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(100 * MiB) });
          return void res.write(zeros);
        case '/bad-gzip':
          return res.writeHead(200, { 'content-encoding': 'gzip' }).end('this is not gzip at all, not even close');
        case '/gzip':
          return res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync('small and gzipped'));
        case '/br':
          return res.writeHead(200, { 'content-encoding': 'br' }).end(zlib.brotliCompressSync('small and brotli'));
        case '/exact':
          return res.end(Buffer.alloc(1000, 'a'));
        default:
          return res.writeHead(404).end();
      }
    });
  });
  afterAll(() => server.close());

  it('cuts an endless body at maxBytes with body-too-large, quickly', async () => {
    const started = Date.now();
    const response = await loopbackClient().stream({ url: server.url('/endless'), limits });
    const { bytes, error } = await drain(response.body);
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect(error).toMatchObject({ code: 'body-too-large', retryable: false, limitBytes: 4 * MiB });
    expect(bytes).toBeLessThanOrEqual(4 * MiB);
    expect(bytes).toBeGreaterThan(3 * MiB);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stops a gzip bomb at maxBytes of decompressed data, with bounded memory', async () => {
    const response = await loopbackClient().stream({ url: server.url('/bomb'), limits });
    const { bytes, peakGrowth, error } = await drain(response.body);
    expect(error).toMatchObject({ code: 'body-too-large' });
    expect(bytes).toBeLessThanOrEqual(4 * MiB);
    // 1 GiB inflated would be 1024 MiB; back-pressure keeps the process within a few buffers.
    expect(peakGrowth).toBeLessThan(128 * MiB);
    // The server stopped too: far less than the ~1 MiB of the whole compressed bomb left it.
    expect(bomb.compressed).toBeLessThan(512 * 1024);
  });

  it('allows a body of exactly maxBytes', async () => {
    const response = await loopbackClient().stream({ url: server.url('/exact'), limits: { ...limits, maxBytes: 1000 } });
    await expect(readAll(response.body)).resolves.toHaveLength(1000);
  });

  it('refuses a declared Content-Length over the limit before reading the body', async () => {
    const started = Date.now();
    const attempt = loopbackClient().stream({ url: server.url('/declared-large'), limits });
    await expect(attempt).rejects.toMatchObject({ code: 'body-too-large', limitBytes: 4 * MiB });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('ends a slow drip (1 byte/s) with a retryable timeout at totalTimeoutMs', async () => {
    const started = Date.now();
    const response = await loopbackClient().stream({ url: server.url('/drip'), limits: { ...limits, totalTimeoutMs: 1_500 } });
    const { bytes, error } = await drain(response.body);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(FetchTimeoutError);
    expect(error).toMatchObject({ code: 'timeout', retryable: true, phase: 'total', timeoutMs: 1_500 });
    expect(bytes).toBeGreaterThanOrEqual(1);
    expect(elapsed).toBeGreaterThanOrEqual(1_400);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('reports a connection reset in the middle of the body as retryable connection-reset', async () => {
    const response = await loopbackClient().stream({ url: server.url('/reset'), limits });
    const { bytes, error } = await drain(response.body);
    expect(error).toBeInstanceOf(ConnectionResetError);
    expect(error).toMatchObject({ code: 'connection-reset', retryable: true });
    expect(bytes).toBe(1000);
  });

  it.each([
    ['/gzip', 'small and gzipped'],
    ['/br', 'small and brotli'],
  ])('decodes %s', async (path, text) => {
    const response = await loopbackClient().stream({ url: server.url(path), limits });
    await expect(readAll(response.body)).resolves.toBe(text);
  });

  it('reports a body that is not what its Content-Encoding says as decompression-failed', async () => {
    const response = await loopbackClient().stream({ url: server.url('/bad-gzip'), limits });
    const { error } = await drain(response.body);
    expect(error).toMatchObject({ code: 'decompression-failed', retryable: false });
  });

  it("ends with the caller's abort reason when the caller aborts mid-body", async () => {
    const controller = new AbortController();
    const response = await loopbackClient().stream({ url: server.url('/drip'), limits, signal: controller.signal });
    const reason = new Error('job handed back');
    setTimeout(() => controller.abort(reason), 100);
    const { error } = await drain(response.body);
    expect(error).toBe(reason);
  });
});
