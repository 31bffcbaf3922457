import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BlockedByRobotsError, GotScrapingHttpClient, NetworkPolicy, RobotsPolicy, type FetchLimits, type HttpClient } from '@trawl/scraping';
import { HostLimitedHttpClient } from './host-limited-http-client';
import { HostLimiter } from './host-limiter';
import { PoliteHttpClient } from './polite-http-client';

jest.setTimeout(20_000);

const limits: FetchLimits = { maxBytes: 1024 * 1024, maxRedirects: 3, connectTimeoutMs: 5_000, totalTimeoutMs: 10_000 };
const loopback = new GotScrapingHttpClient({ policy: new NetworkPolicy({ allowPrivate: ['127.0.0.1/32'], egressOnly: ['127.0.0.0/8'] }) });
/** When each request (robots.txt aside) was handed to the network, once the limiter let it go. */
const starts: number[] = [];
const http: HttpClient = {
  stream: (request) => {
    if (!request.url.endsWith('/robots.txt')) starts.push(Date.now());
    return loopback.stream(request);
  },
};

let server: Server;
let base: string;
let host: string;
let robotsTxt: string;
const requests: string[] = [];
let open = 0;
let peak = 0;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(req.url ?? '');
    if (req.url === '/robots.txt') return void res.writeHead(200).end(robotsTxt);
    open += 1;
    peak = Math.max(peak, open);
    setTimeout(() => {
      // Counted down before the answer is sent: the client cannot start its next request any earlier.
      open -= 1;
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`body of ${req.url}`);
    }, 50);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = `http://${host}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  requests.length = 0;
  starts.length = 0;
  peak = 0;
  robotsTxt = 'User-agent: *\nDisallow: /private/\n';
});

function polite(options: { concurrency?: number; delayMs?: number; robots?: boolean } = {}) {
  const limiter = new HostLimiter({ concurrency: options.concurrency ?? 4, delayMs: options.delayMs ?? 0 });
  const limited = new HostLimitedHttpClient(http, limiter);
  const robots = options.robots === false ? null : new RobotsPolicy({ http: limited, userAgent: 'trawl/0.1' });
  return { client: new PoliteHttpClient(limited, robots), limiter };
}

const text = async (body: AsyncIterable<Buffer>) => {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks).toString();
};

describe('PoliteHttpClient', () => {
  it('refuses what robots.txt disallows without requesting it, and fetches the rest', async () => {
    const { client } = polite();
    const refused = client.fetch({ url: `${base}/private/a`, limits, respectRobots: true }, (r) => text(r.body));
    await expect(refused).rejects.toBeInstanceOf(BlockedByRobotsError);
    await expect(refused).rejects.toMatchObject({ code: 'blocked-by-robots', retryable: false });
    expect(await client.fetch({ url: `${base}/public`, limits, respectRobots: true }, (r) => text(r.body))).toBe('body of /public');
    expect(requests).toEqual(['/robots.txt', '/public']);
  });

  it('fetches anything for a task that opts out, and reads no robots.txt when switched off globally', async () => {
    expect(await polite().client.fetch({ url: `${base}/private/a`, limits, respectRobots: false }, (r) => text(r.body))).toBe('body of /private/a');
    expect(await polite({ robots: false }).client.fetch({ url: `${base}/private/b`, limits, respectRobots: true }, (r) => text(r.body))).toBe('body of /private/b');
    expect(requests).toEqual(['/private/a', '/private/b']);
  });

  it('gives the host slot back when `use` fails without reading the body', async () => {
    const { client, limiter } = polite({ concurrency: 1 });
    await expect(client.fetch({ url: `${base}/x`, limits, respectRobots: true }, async () => Promise.reject(new Error('not html')))).rejects.toThrow('not html');
    expect(limiter.active(host)).toBe(0);
    expect(await client.fetch({ url: `${base}/y`, limits, respectRobots: true }, (r) => text(r.body))).toBe('body of /y');
  });

  it('keeps to the host concurrency, the robots.txt fetch included', async () => {
    const { client } = polite({ concurrency: 2 });
    const urls = Array.from({ length: 6 }, (_, i) => `${base}/slow/${i}`);
    await Promise.all(urls.map((url) => client.fetch({ url, limits, respectRobots: true }, (r) => text(r.body))));
    expect(peak).toBe(2);
    expect(requests.filter((path) => path === '/robots.txt')).toHaveLength(1);
  });

  it('spaces request starts by the Crawl-delay of robots.txt when it exceeds the configured delay', async () => {
    robotsTxt = 'User-agent: *\nCrawl-delay: 0.3\n';
    const { client } = polite({ delayMs: 0 });
    for (const path of ['/a', '/b']) await client.fetch({ url: `${base}${path}`, limits, respectRobots: true }, (r) => text(r.body));
    // Each fetch answers after 50 ms, so without the delay the second would start ~50 ms after the first.
    expect(starts).toHaveLength(2);
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(299);
  });
});
