import { DEFAULT_FETCH_LIMITS } from './fetch-limits';
import { FetchTimeoutError } from './fetch-errors';
import { loopbackClient, startLoopbackServer, type LoopbackServer } from './test-support/loopback-server';

jest.setTimeout(30_000);

/**
 * A server that accepts the request and never answers (no status line, no headers). The whole-fetch
 * deadline aborts the request while the client still waits for a response: that must end in a
 * timeout, not in an 'error' event nobody listens to, which would bring the whole process down.
 */
describe('GotScrapingHttpClient: a server that never answers', () => {
  let server: LoopbackServer;
  const uncaught: unknown[] = [];
  const record = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    process.on('uncaughtException', record);
    server = await startLoopbackServer('127.0.0.1', () => undefined);
  });
  afterAll(async () => {
    process.off('uncaughtException', record);
    await server.close();
  });

  it('ends with a retryable total timeout, and nothing escapes as an uncaught error', async () => {
    const started = Date.now();
    const attempt = loopbackClient().stream({ url: server.url('/silent'), limits: { ...DEFAULT_FETCH_LIMITS, totalTimeoutMs: 800 } });
    await expect(attempt).rejects.toBeInstanceOf(FetchTimeoutError);
    await expect(attempt).rejects.toMatchObject({ code: 'timeout', phase: 'total', retryable: true });
    expect(Date.now() - started).toBeLessThan(5_000);
    // The stream's late 'error' event (got emits it on the next tick) would land here.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(uncaught).toEqual([]);
  });
});
