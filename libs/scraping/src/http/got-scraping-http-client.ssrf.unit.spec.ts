import { NetworkPolicy } from '../network-policy';
import { BlockedAddressError } from './fetch-errors';
import { DEFAULT_FETCH_LIMITS, type FetchLimits } from './fetch-limits';
import { GotScrapingHttpClient } from './got-scraping-http-client';
import { loopbackClient, readAll, startLoopbackServer, type LoopbackServer } from './test-support/loopback-server';

jest.setTimeout(20_000);

const limits: FetchLimits = { ...DEFAULT_FETCH_LIMITS, connectTimeoutMs: 5_000, totalTimeoutMs: 10_000 };

/** Production defaults (nothing exempted), with the egress guard every test keeps. */
const blockingClient = () =>
  new GotScrapingHttpClient({ policy: new NetworkPolicy({ allowPrivate: [], egressOnly: ['127.0.0.0/8'] }) });

describe('GotScrapingHttpClient: SSRF protection, checked before connecting', () => {
  let allowed: LoopbackServer;
  let forbidden: LoopbackServer;

  beforeAll(async () => {
    forbidden = await startLoopbackServer('127.0.0.2', (_req, res) => res.end('secret'));
    allowed = await startLoopbackServer('127.0.0.1', (req, res) => {
      if (req.url === '/to-forbidden') res.writeHead(302, { location: forbidden.url('/admin') }).end();
      else res.end('public page');
    });
  });
  afterAll(async () => {
    await allowed.close();
    await forbidden.close();
  });

  it('reaches the exempted 127.0.0.1 (the tests control works)', async () => {
    const response = await loopbackClient().stream({ url: allowed.url('/'), limits });
    await expect(readAll(response.body)).resolves.toBe('public page');
  });

  it('a redirect to 127.0.0.2 (loopback, not exempted) is refused and that server sees no connection', async () => {
    const before = allowed.connections;
    const attempt = loopbackClient().stream({ url: allowed.url('/to-forbidden'), limits });
    await expect(attempt).rejects.toBeInstanceOf(BlockedAddressError);
    await expect(loopbackClient().stream({ url: allowed.url('/to-forbidden'), limits })).rejects.toMatchObject({
      code: 'blocked-address',
      retryable: false,
      address: '127.0.0.2',
      url: forbidden.url('/admin'),
      reason: expect.stringContaining('loopback'),
    });
    expect(allowed.connections - before).toBe(2);
    expect(forbidden.connections).toBe(0);
  });

  it('with no allow-list, 127.0.0.1 itself is refused and the server sees no connection', async () => {
    const before = allowed.connections;
    await expect(blockingClient().stream({ url: allowed.url('/'), limits })).rejects.toMatchObject({
      code: 'blocked-address',
      address: '127.0.0.1',
    });
    expect(allowed.connections).toBe(before);
  });

  it('with no allow-list, localhost (resolving to 127.0.0.1) is refused in the lookup: no connection', async () => {
    const before = allowed.connections;
    const url = allowed.url('/').replace('127.0.0.1', 'localhost');
    await expect(blockingClient().stream({ url, limits })).rejects.toMatchObject({
      code: 'blocked-address',
      address: 'localhost',
      reason: expect.stringContaining('loopback'),
    });
    expect(allowed.connections).toBe(before);
  });

  it('an https URL gets no early connection either (no ALPN probe outside the guarded lookup)', async () => {
    const before = allowed.connections;
    const url = allowed.url('/').replace('http://127.0.0.1', 'https://localhost');
    await expect(blockingClient().stream({ url, limits })).rejects.toMatchObject({ code: 'blocked-address' });
    expect(allowed.connections).toBe(before);
  });

  it.each([
    ['IPv4-mapped IPv6 literal', (port: string) => `http://[::ffff:127.0.0.1]:${port}/`],
    ['IPv4 literal in hex', (port: string) => `http://0x7f.0.0.1:${port}/`],
    ['IPv4 literal, short form', (port: string) => `http://127.1:${port}/`],
  ])('with no allow-list, the %s form of 127.0.0.1 is refused: no connection', async (_label, makeUrl) => {
    const before = allowed.connections;
    const port = new URL(allowed.url('/')).port;
    await expect(blockingClient().stream({ url: makeUrl(port), limits })).rejects.toMatchObject({ code: 'blocked-address' });
    expect(allowed.connections).toBe(before);
  });
});
