import type { IncomingHttpHeaders } from 'node:http';
import { DEFAULT_FETCH_LIMITS, type FetchLimits } from './fetch-limits';
import { HttpStatusError, statusError } from './http-status-error';
import { discardBody } from './limited-body';
import { loopbackClient, readAll, startLoopbackServer, type LoopbackServer } from './test-support/loopback-server';

jest.setTimeout(20_000);

const limits: FetchLimits = { ...DEFAULT_FETCH_LIMITS, maxRedirects: 3, connectTimeoutMs: 5_000, totalTimeoutMs: 10_000 };

describe('GotScrapingHttpClient: responses and redirects', () => {
  let server: LoopbackServer;
  let other: LoopbackServer;
  const seen: Array<{ path: string; headers: IncomingHttpHeaders }> = [];

  beforeAll(async () => {
    other = await startLoopbackServer('127.0.0.1', (req, res) => {
      seen.push({ path: `other${req.url}`, headers: req.headers });
      res.end('other origin');
    });
    server = await startLoopbackServer('127.0.0.1', (req, res) => {
      seen.push({ path: req.url ?? '', headers: req.headers });
      const redirect = (status: number, location: string) => res.writeHead(status, { location }).end();
      switch (req.url) {
        case '/page':
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.write('<html><body>');
          setTimeout(() => res.end('hello</body></html>'), 20);
          return;
        case '/a':
          return redirect(301, '/b');
        case '/b':
          return redirect(302, `${server.url('/c')}#fragment`);
        case '/c':
          return redirect(307, 'page');
        case '/loop-1':
          return redirect(302, '/loop-2');
        case '/loop-2':
          return redirect(302, '/loop-1');
        case '/self':
          return redirect(308, '/self');
        case '/to-other':
          return redirect(302, other.url('/landing'));
        case '/to-file':
          return redirect(302, 'file:///etc/passwd');
        case '/busy':
          return res.writeHead(503, { 'retry-after': '120' }).end('busy');
        case '/not-modified':
          return res.writeHead(304).end();
        default:
          return res.writeHead(404).end('not here');
      }
    });
  });
  afterAll(async () => {
    await server.close();
    await other.close();
  });
  beforeEach(() => {
    seen.length = 0;
  });

  it('warms up without a request: the site sees nothing until the first fetch', async () => {
    const client = loopbackClient();
    await expect(client.warmUp()).resolves.toBeUndefined();
    expect(seen).toEqual([]);
    await expect(readAll((await client.stream({ url: server.url('/page'), limits })).body)).resolves.toBe('<html><body>hello</body></html>');
  });

  it('streams a 200 body with status, headers and the connected address', async () => {
    const response = await loopbackClient().stream({ url: server.url('/page'), limits });
    expect(response).toMatchObject({ url: server.url('/page'), status: 200, redirects: [], remoteAddress: '127.0.0.1' });
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    await expect(readAll(response.body)).resolves.toBe('<html><body>hello</body></html>');
  });

  it('sends browser-like headers with the configured User-Agent, and the caller headers over both', async () => {
    const response = await loopbackClient().stream({ url: server.url('/page'), limits, headers: { 'X-Trace': 't-1' } });
    await readAll(response.body);
    const { headers } = seen[0];
    expect(headers['user-agent']).toBe('trawl/0.1 (+https://github.com/trawl)');
    expect(headers.accept).toEqual(expect.stringContaining('text/html'));
    expect(headers['accept-language']).toEqual(expect.any(String));
    expect(headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(headers['x-trace']).toBe('t-1');

    const custom = await loopbackClient().stream({ url: server.url('/page'), limits, headers: { 'user-agent': 'caller/1' } });
    await readAll(custom.body);
    expect(seen[1].headers['user-agent']).toBe('caller/1');
  });

  it('follows a redirect chain itself: final URL, redirects in order, fragment dropped', async () => {
    const response = await loopbackClient().stream({ url: server.url('/a'), limits });
    expect(response.status).toBe(200);
    expect(response.url).toBe(server.url('/page'));
    expect(response.redirects).toEqual([server.url('/a'), server.url('/b'), server.url('/c')]);
    await expect(readAll(response.body)).resolves.toContain('hello');
    expect(seen.map(({ path }) => path)).toEqual(['/a', '/b', '/c', '/page']);
  });

  it('refuses more than maxRedirects hops without requesting the next one', async () => {
    const attempt = loopbackClient().stream({ url: server.url('/a'), limits: { ...limits, maxRedirects: 2 } });
    await expect(attempt).rejects.toMatchObject({
      code: 'too-many-redirects',
      retryable: false,
      redirects: [server.url('/a'), server.url('/b'), server.url('/c')],
    });
    expect(seen.map(({ path }) => path)).toEqual(['/a', '/b', '/c']);
  });

  it.each([
    ['/loop-1', ['/loop-1', '/loop-2']],
    ['/self', ['/self']],
  ])('detects a redirect loop from %s', async (start, paths) => {
    const attempt = loopbackClient().stream({ url: server.url(start), limits: { ...limits, maxRedirects: 20 } });
    await expect(attempt).rejects.toMatchObject({ code: 'redirect-loop', retryable: false, url: server.url(start) });
    expect(seen.map(({ path }) => path)).toEqual(paths);
  });

  it('drops credentials on a redirect to another origin', async () => {
    const response = await loopbackClient().stream({
      url: server.url('/to-other'),
      limits,
      headers: { Authorization: 'Bearer secret', Cookie: 'a=b', 'X-Keep': 'yes' },
    });
    await expect(readAll(response.body)).resolves.toBe('other origin');
    expect(seen[0].headers.authorization).toBe('Bearer secret');
    expect(seen[1]).toMatchObject({ path: 'other/landing', headers: { 'x-keep': 'yes' } });
    expect(seen[1].headers.authorization).toBeUndefined();
    expect(seen[1].headers.cookie).toBeUndefined();
  });

  it.each(['file:///etc/passwd', 'ftp://127.0.0.1/', 'data:text/html,hi', 'javascript:alert(1)'])(
    'refuses the scheme of %s before any connection',
    async (url) => {
      await expect(loopbackClient().stream({ url, limits })).rejects.toMatchObject({ code: 'unsupported-scheme', retryable: false });
    },
  );

  it('refuses a redirect to a non-http scheme', async () => {
    await expect(loopbackClient().stream({ url: server.url('/to-file'), limits })).rejects.toMatchObject({
      code: 'unsupported-scheme',
      url: 'file:///etc/passwd',
    });
  });

  it('refuses a string that is not a URL', async () => {
    await expect(loopbackClient().stream({ url: '/relative/path', limits })).rejects.toMatchObject({ code: 'invalid-url' });
  });

  it('returns a 503 and its Retry-After, classified as retryable by statusError', async () => {
    const response = await loopbackClient().stream({ url: server.url('/busy'), limits });
    expect(response.status).toBe(503);
    await expect(readAll(response.body)).resolves.toBe('busy');
    const error = statusError(response, Date.now());
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error).toMatchObject({ code: 'http-status', status: 503, retryable: true, retryAfterMs: 120_000 });
  });

  it('returns 404 and 304 as they are: a 404 is a final status error, a 304 no error', async () => {
    const missing = await loopbackClient().stream({ url: server.url('/missing'), limits });
    expect(statusError(missing, Date.now())).toMatchObject({ status: 404, retryable: false, retryAfterMs: undefined });
    await discardBody(missing.body);
    const notModified = await loopbackClient().stream({ url: server.url('/not-modified'), limits });
    expect(notModified.status).toBe(304);
    expect(statusError(notModified, Date.now())).toBeNull();
    await discardBody(notModified.body);
  });
});
