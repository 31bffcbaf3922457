import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileBlobStore } from '@trawl/blob-store';
import { SqliteEventStore } from '@trawl/event-store';
import { GotScrapingHttpClient, NetworkPolicy } from '@trawl/scraping';
import type { FetchSettings } from '../fetch-settings';
import { SingleFlight } from '../image-job/single-flight';
import { HostLimitedHttpClient } from '../politeness/host-limited-http-client';
import { HostLimiter } from '../politeness/host-limiter';
import { PoliteHttpClient } from '../politeness/polite-http-client';
import { obtainPage, type ObtainPageRequest, type PageReuseDeps, type PageSource } from './obtain-page';
import { pageUrlRegistry } from './page-url-registry';

jest.setTimeout(20_000);

/** A loopback site: `/page/<name>` with ETag "v<version>" (304 to a matching If-None-Match), slowed by `delayMs`, or 404. */
const requests: Array<{ path: string; ifNoneMatch?: string }> = [];
const site = { version: 1, delayMs: 0, missing: false };
let server: Server;
let base: string;
let dir: string;
let events: SqliteEventStore;
let blobs: FileBlobStore;
let deps: PageReuseDeps;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', ifNoneMatch: req.headers['if-none-match'] });
    const etag = `"v${site.version}"`;
    setTimeout(() => {
      if (site.missing) return void res.writeHead(404).end('gone');
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag }).end(`<html><body><p>${req.url} version ${site.version}</p></body></html>`);
    }, site.delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trawl-page-reuse-'));
  events = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  blobs = await FileBlobStore.open(join(dir, 'blobs'));
  const loopback = new GotScrapingHttpClient({ policy: new NetworkPolicy({ allowPrivate: ['127.0.0.1/32'], egressOnly: ['127.0.0.0/8'] }) });
  const http = new PoliteHttpClient(new HostLimitedHttpClient(loopback, new HostLimiter({ concurrency: 8, delayMs: 0 })), null);
  const settings = { pageLimits: { maxBytes: 1 << 20, maxRedirects: 3, connectTimeoutMs: 5_000, totalTimeoutMs: 10_000 }, reuseMaxAgeMs: 3_600_000, keepHtml: true } as FetchSettings;
  deps = { http, blobs, settings, registry: pageUrlRegistry(events), flights: new SingleFlight<PageSource>() };
  requests.length = 0;
  Object.assign(site, { version: 1, delayMs: 0, missing: false });
});
afterEach(async () => {
  await events.close();
  await rm(dir, { recursive: true, force: true });
});

const policy = { respectRobots: true, respectOptOuts: true };

/** Holds the blob store's writes until released (or failed): what the job does while its HTML is being kept. */
function holdWrites() {
  const write = blobs.write.bind(blobs);
  let open: (error?: Error) => void = () => {};
  const gate = new Promise<void>((resolve, reject) => (open = (error) => (error ? reject(error) : resolve())));
  gate.catch(() => {});
  const control = { held: 0, release: () => open(), fail: (error: Error) => open(error), restore: () => (blobs.write = write) };
  blobs.write = async (...args: Parameters<FileBlobStore['write']>) => {
    control.held += 1;
    await gate;
    return write(...args);
  };
  return control;
}
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes));
const request = (taskId: string, url: string, overrides: Partial<ObtainPageRequest> = {}): ObtainPageRequest => ({
  taskId, url, signal: new AbortController().signal, policy, reuse: true, now: at(0), ...overrides,
});

describe('obtainPage', () => {
  it('records every download, and gives it to a later reuse task without a request', async () => {
    const url = `${base}/page/a`;
    const first = await obtainPage(deps, request('A', url, { reuse: false }));
    expect(first.reusedFrom).toBeNull();
    const kept = await first.html;
    expect(kept).toMatchObject({ sha256: expect.any(String), bytes: first.received.body.length });
    expect(await deps.registry!.last(url)).toMatchObject({ taskId: 'A', etag: '"v1"', html: kept, honoured: { robots: true, optOuts: true } });

    const second = await obtainPage(deps, request('B', url, { now: at(30) }));
    expect(requests).toHaveLength(1);
    expect(second.reusedFrom).toEqual({ taskId: 'A', fetchedAt: at(0).toISOString() });
    expect(second.received.body.equals(first.received.body)).toBe(true);
    expect(second.received).toMatchObject({ finalUrl: url, httpStatus: 200, contentType: 'text/html; charset=utf-8' });
    expect(await second.html).toEqual(kept);

    const unasked = await obtainPage(deps, request('C', url, { reuse: false, now: at(31) }));
    expect(unasked.reusedFrom).toBeNull();
    await unasked.html;
    expect(requests).toHaveLength(2);
  });

  it('revalidates a copy past the maximum age: 304 reuses it (young again), 200 is a download of its own', async () => {
    const url = `${base}/page/b`;
    deps.settings.reuseMaxAgeMs = 60_000;
    await (await obtainPage(deps, request('A', url))).html;
    const confirmed = await obtainPage(deps, request('B', url, { now: at(5) }));
    expect(requests.map((r) => r.ifNoneMatch)).toEqual([undefined, '"v1"']);
    expect(confirmed.reusedFrom).toEqual({ taskId: 'A', fetchedAt: at(5).toISOString() });
    expect(await deps.registry!.last(url)).toMatchObject({ taskId: 'A', fetchedAt: at(5).toISOString() });

    site.version = 2;
    const changed = await obtainPage(deps, request('C', url, { now: at(10) }));
    expect(requests.map((r) => r.ifNoneMatch)).toEqual([undefined, '"v1"', '"v1"']);
    expect(changed.reusedFrom).toBeNull();
    expect(changed.received.body.toString()).toContain('version 2');
    await changed.html;
    expect(await deps.registry!.last(url)).toMatchObject({ taskId: 'C', etag: '"v2"' });
  });

  it('downloads once for two reuse tasks at the same moment; the second names the first', async () => {
    site.delayMs = 300;
    const url = `${base}/page/c`;
    const [a, b] = await Promise.all([obtainPage(deps, request('A', url)), obtainPage(deps, request('B', url))]);
    expect(await b.html).toEqual(await a.html);
    expect(requests).toHaveLength(1);
    expect(a.reusedFrom).toBeNull();
    expect(b.reusedFrom).toEqual({ taskId: 'A', fetchedAt: at(0).toISOString() });
    expect(b.received.body.equals(a.received.body)).toBe(true);
  });

  it('hands the page over before its HTML is kept; a reuse task asking meanwhile shares the download', async () => {
    const url = `${base}/page/h`;
    const write = holdWrites();
    const first = await obtainPage(deps, request('A', url));
    // The page is the job's to parse, while its HTML is neither stored nor recorded yet.
    expect(first.received.body.toString()).toContain('/page/h');
    expect(write.held).toBe(1);
    expect(await deps.registry!.last(url)).toBeNull();
    const second = obtainPage(deps, request('B', url, { now: at(1) }));
    write.release();
    const kept = await first.html;
    expect(await deps.registry!.last(url)).toMatchObject({ taskId: 'A', html: kept });
    expect(await second).toMatchObject({ reusedFrom: { taskId: 'A', fetchedAt: at(0).toISOString() } });
    expect(await (await second).html).toEqual(kept);
    expect(requests).toHaveLength(1);
  });

  it.each([true, false])('fails the job whose HTML was not kept, and records nothing (reuse: %s)', async (reuse) => {
    const url = `${base}/page/i-${reuse}`;
    const write = holdWrites();
    const obtained = await obtainPage(deps, request('A', url, { reuse }));
    write.fail(new Error('disk full'));
    await expect(obtained.html).rejects.toThrow('disk full');
    expect(await deps.registry!.last(url)).toBeNull();
    // Nothing of the failed flight is shared: the retry downloads again.
    write.restore();
    const retried = await obtainPage(deps, request('A', url, { reuse, now: at(1) }));
    expect(await retried.html).toMatchObject({ bytes: retried.received.body.length });
    expect(requests).toHaveLength(2);
  });

  it.each([true, false])('leaves no unhandled rejection when the job never awaits the HTML it failed to keep (reuse: %s)', async (reuse) => {
    // A job whose parse threw does not await its HTML: the failed write must not crash the process (jest
    // fails a test in which a rejection goes unhandled).
    const url = `${base}/page/j-${reuse}`;
    const write = holdWrites();
    await obtainPage(deps, request('A', url, { reuse }));
    write.fail(new Error('disk full'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await deps.registry!.last(url)).toBeNull();
  });

  it('does not share a download between tasks that honour different things', async () => {
    site.delayMs = 200;
    const url = `${base}/page/d`;
    const lax = { respectRobots: false, respectOptOuts: false };
    const [honouring, ignoring] = await Promise.all([obtainPage(deps, request('A', url)), obtainPage(deps, request('B', url, { policy: lax }))]);
    await Promise.all([honouring.html, ignoring.html]);
    expect(requests).toHaveLength(2);
    expect(ignoring.reusedFrom).toBeNull();
    expect((ignoring.received as { optOutsIgnored?: true }).optOutsIgnored).toBeUndefined();
  });

  it('does not reuse a copy checked against less than the task honours; the other way round it does', async () => {
    const url = `${base}/page/g`;
    const lax = { respectRobots: false, respectOptOuts: false };
    await (await obtainPage(deps, request('A', url, { policy: lax }))).html;
    const strict = await obtainPage(deps, request('B', url, { now: at(1) }));
    expect(strict.reusedFrom).toBeNull();
    await strict.html;
    expect(requests).toHaveLength(2);
    const laxAgain = await obtainPage(deps, request('C', url, { policy: lax, now: at(2) }));
    expect(laxAgain.reusedFrom).toEqual({ taskId: 'B', fetchedAt: at(1).toISOString() });
    expect(laxAgain.received.optOutsIgnored).toBe(true);
    expect(requests).toHaveLength(2);
  });

  it('records no failure: a page that failed is asked for again', async () => {
    site.missing = true;
    const url = `${base}/page/e`;
    await expect(obtainPage(deps, request('A', url))).rejects.toMatchObject({ status: 404 });
    expect(await deps.registry!.last(url)).toBeNull();
    site.missing = false;
    const retried = await obtainPage(deps, request('B', url, { now: at(1) }));
    expect(requests).toHaveLength(2);
    expect(retried.reusedFrom).toBeNull();
    await retried.html;
  });

  it('downloads again when the recorded HTML is gone (retention)', async () => {
    const url = `${base}/page/f`;
    const first = await obtainPage(deps, request('A', url));
    await blobs.delete((await first.html)!.sha256);
    const again = await obtainPage(deps, request('B', url, { now: at(1) }));
    expect(requests).toHaveLength(2);
    expect(again.reusedFrom).toBeNull();
    expect(await again.html).toEqual(await first.html);
  });
});
