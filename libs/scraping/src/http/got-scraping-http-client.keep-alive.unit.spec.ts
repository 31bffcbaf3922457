import { DEFAULT_FETCH_LIMITS, type FetchLimits } from './fetch-limits';
import { loopbackClient, readAll, startLoopbackServer, type LoopbackServer } from './test-support/loopback-server';
import type { GotScrapingHttpClient } from './got-scraping-http-client';

jest.setTimeout(20_000);

const limits: FetchLimits = { ...DEFAULT_FETCH_LIMITS, connectTimeoutMs: 5_000, totalTimeoutMs: 10_000 };

describe('GotScrapingHttpClient: kept-alive connections', () => {
  let server: LoopbackServer;
  let client: GotScrapingHttpClient;
  /** Requests each connection has carried, by the connection's remote port. */
  const requestsPerConnection = new Map<number, number>();
  /** The request, by its rank on its connection, that the server drops unanswered (2: a server's idle close, seen late). */
  let dropRequestNumber: number | null = null;

  beforeEach(async () => {
    requestsPerConnection.clear();
    dropRequestNumber = null;
    client = loopbackClient();
    server = await startLoopbackServer('127.0.0.1', (req, res) => {
      const port = req.socket.remotePort!;
      const carried = (requestsPerConnection.get(port) ?? 0) + 1;
      requestsPerConnection.set(port, carried);
      if (carried === dropRequestNumber) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`answer to ${req.url}`);
    });
  });

  afterEach(async () => {
    await client.close();
    await server.close();
  });

  async function get(path: string): Promise<string> {
    const response = await client.stream({ url: server.url(path), limits });
    return readAll(response.body);
  }

  it('sends one request after another to a host on the same connection', async () => {
    expect(await get('/1')).toBe('answer to /1');
    expect(await get('/2')).toBe('answer to /2');
    expect(await get('/3')).toBe('answer to /3');

    expect(server.connections).toBe(1);
    expect([...requestsPerConnection.values()]).toEqual([3]);
  });

  it('sends a request again on a new connection when its server had closed the kept one', async () => {
    dropRequestNumber = 2;
    expect(await get('/1')).toBe('answer to /1');

    // The second request goes out on the kept connection, which the server drops unanswered.
    expect(await get('/2')).toBe('answer to /2');

    expect(server.connections).toBe(2);
    expect([...requestsPerConnection.values()]).toEqual([2, 1]);
  });

  it('does not send again a request dropped on a connection made for it: that is the server failing', async () => {
    dropRequestNumber = 1;

    await expect(get('/1')).rejects.toMatchObject({ code: 'connection-reset' });
    expect(server.connections).toBe(1);
  });

  it('closes its kept connections when closed, and refuses requests after', async () => {
    await get('/1');
    await client.close();

    await expect(get('/2')).rejects.toThrow(/closed/);
    expect(server.connections).toBe(1);
  });
});
