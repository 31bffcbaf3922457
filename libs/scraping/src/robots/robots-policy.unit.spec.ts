import type { IncomingMessage, ServerResponse } from 'node:http';
import { loopbackClient, startLoopbackServer, type LoopbackServer } from '../http/test-support/loopback-server';
import { RobotsUnavailableError } from './robots-errors';
import { RobotsPolicy, type RobotsPolicyOptions } from './robots-policy';
import { ROBOTS_MAX_BYTES } from './robots-rules';

jest.setTimeout(20_000);

const USER_AGENT = 'trawl/0.1 (+https://github.com/trawl/trawl)';
const servers: LoopbackServer[] = [];

/** A loopback origin answering with `handler`, and the paths it was asked for. */
async function origin(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const requests: string[] = [];
  const server = await startLoopbackServer('127.0.0.1', (req, res) => {
    requests.push(req.url ?? '');
    handler(req, res);
  });
  servers.push(server);
  return { url: (path: string) => server.url(path), requests };
}

const robotsFile = (text: string, status = 200, headers: Record<string, string> = {}) => (_req: IncomingMessage, res: ServerResponse) =>
  res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(text);

function policy(options: Partial<RobotsPolicyOptions> = {}): RobotsPolicy {
  return new RobotsPolicy({ http: loopbackClient(), userAgent: USER_AGENT, ...options });
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('RobotsPolicy', () => {
  it('applies the rules of a robots.txt served with 200, fetching it once per origin', async () => {
    const site = await origin(robotsFile('User-agent: *\nDisallow: /private/\nAllow: /private/open.html\n'));
    const robots = policy();
    expect(await robots.check(site.url('/private/secret.html'))).toEqual({ allowed: false, crawlDelayMs: 0 });
    expect(await robots.check(site.url('/private/open.html'))).toEqual({ allowed: true, crawlDelayMs: 0 });
    expect(await robots.check(site.url('/index.html?q=1'))).toEqual({ allowed: true, crawlDelayMs: 0 });
    expect(site.requests).toEqual(['/robots.txt']);
  });

  it('allows everything when robots.txt is missing (404) or refused (403)', async () => {
    for (const status of [404, 403]) {
      const site = await origin(robotsFile('User-agent: *\nDisallow: /\n', status));
      expect(await policy().check(site.url('/anything'))).toEqual({ allowed: true, crawlDelayMs: 0 });
    }
  });

  it('treats 5xx and 429 as unreachable: a retryable failure carrying Retry-After, remembered briefly', async () => {
    let now = 1_000_000;
    const site = await origin(robotsFile('down', 503, { 'retry-after': '7' }));
    const robots = policy({ clock: () => now, unavailableTtlMs: 5_000 });
    const failure = await robots.check(site.url('/page')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RobotsUnavailableError);
    expect(failure).toMatchObject({ code: 'robots-unavailable', retryable: true, retryAfterMs: 7_000 });
    await expect(robots.check(site.url('/other'))).rejects.toBeInstanceOf(RobotsUnavailableError);
    expect(site.requests).toHaveLength(1);
    now += 5_001;
    await expect(robots.check(site.url('/page'))).rejects.toBeInstanceOf(RobotsUnavailableError);
    expect(site.requests).toHaveLength(2);

    const throttled = await origin(robotsFile('slow down', 429));
    await expect(policy().check(throttled.url('/page'))).rejects.toMatchObject({ code: 'robots-unavailable' });
  });

  it('treats a connection failure as unreachable, under the code of what happened to the connection', async () => {
    const site = await origin((_req, res) => res.socket?.destroy());
    const failure = await policy().check(site.url('/page')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RobotsUnavailableError);
    expect(failure).toMatchObject({ code: 'connection-reset', retryable: true });
  });

  it('says that the host refused the connection, then that robots.txt could not be read, naming the URL once', async () => {
    // A port where nothing listens: bound once, then closed.
    const closed = await startLoopbackServer('127.0.0.1', () => undefined);
    const robotsUrl = closed.url('/robots.txt');
    await closed.close();
    const failure = (await policy().check(closed.url('/page')).catch((error: unknown) => error)) as RobotsUnavailableError;
    expect(failure).toBeInstanceOf(RobotsUnavailableError);
    expect(failure).toMatchObject({ code: 'connect-refused', retryable: true });
    const { host } = new URL(robotsUrl);
    expect(failure.message).toBe(`${host} refused the connection; robots.txt could not be read, so nothing of the site is fetched for now (${robotsUrl})`);
    expect(failure.message.split(robotsUrl)).toHaveLength(2);
  });

  it('follows redirects of robots.txt and applies the target file to the asked origin; too many allow all', async () => {
    const site = await origin((req, res) => {
      if (req.url === '/robots.txt') res.writeHead(301, { location: '/moved/robots.txt' }).end();
      else if (req.url === '/moved/robots.txt') res.writeHead(200).end('User-agent: *\nDisallow: /no/\n');
      else res.writeHead(302, { location: `/loop/${Number(req.url?.split('/')[2] ?? 0) + 1}` }).end();
    });
    expect((await policy().check(site.url('/no/x'))).allowed).toBe(false);
    expect((await policy().check(site.url('/yes/x'))).allowed).toBe(true);

    const looping = await origin((req, res) => res.writeHead(302, { location: `${req.url}x` }).end());
    expect((await policy().check(looping.url('/no/x'))).allowed).toBe(true);
    expect(looping.requests).toHaveLength(6);
  });

  it('refetches after the TTL, and keeps only the most recently used origins', async () => {
    let now = 0;
    const a = await origin(robotsFile('User-agent: *\nDisallow: /a\n'));
    const b = await origin(robotsFile('User-agent: *\nDisallow: /b\n'));
    const robots = policy({ clock: () => now, ttlMs: 60_000, maxOrigins: 1 });
    await robots.check(a.url('/a'));
    await robots.check(a.url('/a'));
    expect(a.requests).toHaveLength(1);
    now += 60_001;
    expect((await robots.check(a.url('/a'))).allowed).toBe(false);
    expect(a.requests).toHaveLength(2);
    await robots.check(b.url('/b'));
    await robots.check(a.url('/a'));
    expect(a.requests).toHaveLength(3);
  });

  it('shares one fetch among concurrent checks of an origin', async () => {
    const site = await origin((_req, res) => setTimeout(() => res.writeHead(200).end('User-agent: *\nDisallow: /x\n'), 150));
    const robots = policy();
    const verdicts = await Promise.all(Array.from({ length: 8 }, (_, i) => robots.check(site.url(i % 2 ? '/x' : '/y'))));
    expect(verdicts.map((verdict) => verdict.allowed)).toEqual([true, false, true, false, true, false, true, false]);
    expect(site.requests).toEqual(['/robots.txt']);
  });

  it("lets a caller's signal end only its own wait", async () => {
    const site = await origin((_req, res) => setTimeout(() => res.writeHead(200).end('User-agent: *\nDisallow: /x\n'), 200));
    const robots = policy();
    const controller = new AbortController();
    const impatient = robots.check(site.url('/x'), { signal: controller.signal });
    const patient = robots.check(site.url('/x'));
    controller.abort(new Error('job handed back'));
    await expect(impatient).rejects.toThrow('job handed back');
    expect((await patient).allowed).toBe(false);
  });

  it('applies the group of its own product token, else the * group', async () => {
    const site = await origin(robotsFile('User-agent: trawl\nDisallow: /a\n\nUser-agent: otherbot\nUser-agent: *\nDisallow: /b\n'));
    const robots = policy();
    expect((await robots.check(site.url('/a'))).allowed).toBe(false);
    expect((await robots.check(site.url('/b'))).allowed).toBe(true);
    expect((await robots.check(site.url('/a'), { userAgent: 'OtherBot/2.0' })).allowed).toBe(true);
    expect((await robots.check(site.url('/b'), { userAgent: 'OtherBot/2.0' })).allowed).toBe(false);
    expect((await robots.check(site.url('/b'), { userAgent: 'Mozilla/5.0' })).allowed).toBe(false);
  });

  it('reports Crawl-delay of its group in ms, capped', async () => {
    const site = await origin(robotsFile('User-agent: trawl\nCrawl-delay: 2.5\n\nUser-agent: *\nCrawl-delay: 3600\n'));
    const robots = policy({ maxCrawlDelayMs: 30_000 });
    expect(await robots.check(site.url('/'))).toEqual({ allowed: true, crawlDelayMs: 2_500 });
    expect(await robots.check(site.url('/'), { userAgent: 'other' })).toEqual({ allowed: true, crawlDelayMs: 30_000 });
  });

  it(`reads only the first ${ROBOTS_MAX_BYTES} bytes of a huge robots.txt`, async () => {
    const filler = `# ${'x'.repeat(1_000)}\n`.repeat(Math.ceil((ROBOTS_MAX_BYTES + 1) / 1_003));
    const site = await origin(robotsFile(`User-agent: *\nDisallow: /early\n${filler}Disallow: /late\n`));
    const robots = policy();
    expect((await robots.check(site.url('/early'))).allowed).toBe(false);
    expect((await robots.check(site.url('/late'))).allowed).toBe(true);
  });

  it('leaves URLs it cannot judge to the fetch', async () => {
    expect(await policy().check('ftp://127.0.0.1/file')).toEqual({ allowed: true, crawlDelayMs: 0 });
    expect(await policy().check('not a url')).toEqual({ allowed: true, crawlDelayMs: 0 });
  });
});
