import { request } from 'node:http';
import sharp from 'sharp';
import { startFixtureSite } from './fixture-site';
import type { FixtureSite } from './fixture-site';

/** A raw GET, for paths that fetch() would normalise before sending. */
function rawGet(baseUrl: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('fixture site', () => {
  let site: FixtureSite;
  beforeAll(async () => {
    site = await startFixtureSite();
  });
  afterAll(() => site.close());

  it('listens on 127.0.0.1 and serves the index', async () => {
    expect(site.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${site.baseUrl}/`);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<title>trawl fixture site</title>');
  });

  it('names itself where pages say {{ORIGIN}} or {{HOST}}', async () => {
    const html = await (await fetch(`${site.baseUrl}/pages/all-hiding-places.html`)).text();
    expect(html).not.toContain('{{');
    expect(html).toContain(`content="${site.baseUrl}/img/og-image.jpg"`);
    expect(html).toContain(`src="//${new URL(site.baseUrl).host}/img/protocol-relative.png"`);
  });

  it.each([
    ['/charset/latin2-meta.html', 'text/html'],
    ['/charset/cp1250-header.html', 'text/html; charset=windows-1250'],
    ['/charset/utf16-bom.html', 'text/html; charset=windows-1252'],
    ['/img/broken.png', 'image/png'],
    ['/img/favicon.ico', 'image/x-icon'],
    ['/img/picture-source.avif', 'image/avif'],
    ['/img/srcset,2x.jpg', 'image/jpeg'],
    ['/robots.txt', 'text/plain; charset=utf-8'],
  ])('serves %s as %s', async (path, contentType) => {
    const response = await fetch(site.baseUrl + path);
    await response.arrayBuffer();
    expect([response.status, response.headers.get('content-type')]).toEqual([200, contentType]);
  });

  it('answers 404 for missing files and never leaves its folder', async () => {
    expect((await fetch(`${site.baseUrl}/no/such/page.html`)).status).toBe(404);
    expect(await rawGet(site.baseUrl, '/..%2f..%2f..%2fpackage.json')).toBe(404);
    expect(await rawGet(site.baseUrl, '/%2e%2e/%2e%2e/%2e%2e/package.json')).toBe(404);
  });

  it('answers /status/<code>, with Retry-After on request', async () => {
    const notFound = await fetch(`${site.baseUrl}/status/404`);
    expect(notFound.status).toBe(404);
    expect(await notFound.text()).toContain('Status 404');
    const busy = await fetch(`${site.baseUrl}/status/503?retryAfter=7`);
    await busy.arrayBuffer();
    expect([busy.status, busy.headers.get('retry-after')]).toEqual([503, '7']);
  });

  it('redirects only to paths on itself', async () => {
    const hop = await fetch(`${site.baseUrl}/redirect?to=/pages/base-href.html`, { redirect: 'manual' });
    expect([hop.status, hop.headers.get('location')]).toEqual([302, '/pages/base-href.html']);
    const followed = await fetch(`${site.baseUrl}/redirect/any/depth?to=/pages/base-href.html&status=301`);
    expect(followed.url).toBe(`${site.baseUrl}/pages/base-href.html`);
    await followed.arrayBuffer();
    const offSite = await fetch(`${site.baseUrl}/redirect?to=//example.invalid/`, { redirect: 'manual' });
    expect(offSite.status).toBe(400);
  });

  it('serves slow images after their delay, with distinct bytes per number', async () => {
    const started = Date.now();
    const [one, two] = await Promise.all(
      [1, 2].map(async (n) => Buffer.from(await (await fetch(`${site.baseUrl}/slow-image/${n}.png?ms=300`)).arrayBuffer())),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(one.equals(two)).toBe(false);
    expect(await sharp(one).metadata()).toMatchObject({ format: 'png', width: 2, height: 2 });
  });

  it('builds a page of many slow images', async () => {
    const html = await (await fetch(`${site.baseUrl}/many-slow-images?count=25&ms=50`)).text();
    expect(html.match(/<img /g)).toHaveLength(25);
    expect(html).toContain('src="/slow-image/25.png?ms=50"');
  });

  it('counts hits per path, and per path and query', async () => {
    const fresh = await startFixtureSite();
    try {
      for (const query of ['?a=1', '?a=1', '?b=2']) await (await fetch(`${fresh.baseUrl}/img/img-src.png${query}`)).arrayBuffer();
      await (await fetch(`${fresh.baseUrl}/status/404`, { method: 'HEAD' })).arrayBuffer();
      expect(fresh.hits('/img/img-src.png')).toBe(3);
      expect(fresh.hits('/img/img-src.png?a=1')).toBe(2);
      expect(fresh.hits('/status/404')).toBe(1);
      expect(fresh.hits('/never/requested')).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it('fails /flaky/<id> the asked number of times (503 with Retry-After), then serves it; records arrival times', async () => {
    const statuses: [number, string | null][] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await fetch(`${site.baseUrl}/flaky/f1?failures=2&retryAfter=1`);
      await response.arrayBuffer();
      statuses.push([response.status, response.headers.get('retry-after')]);
    }
    expect(statuses).toEqual([[503, '1'], [503, '1'], [200, null]]);
    expect((await fetch(`${site.baseUrl}/flaky/f2?failures=0`)).status).toBe(200);
    const times = site.hitTimes('/flaky/f1');
    expect(times).toHaveLength(3);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('gauges how many slow images are requested at once', async () => {
    site.slowImages.reset();
    await Promise.all([1, 2, 3].map(async (n) => (await fetch(`${site.baseUrl}/slow-image/${n}.png?ms=200`)).arrayBuffer()));
    expect(site.slowImages.peak).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(site.slowImages.open).toBe(0);
    site.slowImages.reset();
    await (await fetch(`${site.baseUrl}/slow-image/4.png?ms=10`)).arrayBuffer();
    expect(site.slowImages.peak).toBe(1);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await fetch(`${site.baseUrl}/img/img-src.png`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), (await head.arrayBuffer()).byteLength]).toEqual([200, '90', 0]);
    expect((await fetch(`${site.baseUrl}/img/img-src.png`, { method: 'POST' })).status).toBe(405);
  });

  it('closes promptly while a slow response is pending', async () => {
    const other = await startFixtureSite();
    const pending = fetch(`${other.baseUrl}/slow-image/9.png?ms=60000`).then(
      () => 'answered',
      () => 'cut',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await other.close();
    expect(await pending).toBe('cut');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
