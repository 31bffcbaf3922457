import { request } from 'node:http';
import { createGunzip } from 'node:zlib';
import sharp from 'sharp';
import { END_MARKER_TAIL_BYTES, checkImageIntegrity, probeImage } from '@trawl/scraping';
import { CHARSET_TEXT, startHostileSite, type HostileSite } from './hostile-site';

/** Reads at most `limit` bytes (then hangs up) or until `ms` pass: what a bounded client would see. */
function readSome(url: string, limit: number, ms = 10_000): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer; ended: boolean }> {
  return new Promise((resolve, reject) => {
    let cut: (() => void) | null = null;
    const req = request(url, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = (ended: boolean) => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ended });
      };
      cut = () => finish(false);
      const timer = setTimeout(() => finish(false), ms);
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= limit) finish(false);
      });
      res.on('end', () => finish(true));
      res.on('error', () => finish(false));
    });
    // A reset after the response began ends the body; before it, the request fails.
    req.on('error', (error) => (cut ? cut() : reject(error)));
    const silence = setTimeout(() => req.destroy(new Error(`no response within ${ms} ms`)), ms);
    req.on('response', () => clearTimeout(silence));
    req.on('close', () => clearTimeout(silence));
    req.end();
  });
}

async function integrity(bytes: Buffer) {
  const probe = await probeImage(bytes);
  if (!probe) return null;
  const tail = bytes.subarray(bytes.length - END_MARKER_TAIL_BYTES);
  return checkImageIntegrity({ probe, head: bytes, tail, bytes: bytes.length, readAll: async () => bytes }, 100_000_000);
}

describe('hostile site (the fixtures themselves)', () => {
  let site: HostileSite;
  beforeAll(async () => {
    site = await startHostileSite();
  });
  afterAll(async () => site?.close());

  it('listens on 127.0.0.1 and 127.0.0.2, counting connections on each', async () => {
    expect(site.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(site.second.baseUrl).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
    const before = site.second.connections();
    expect((await readSome(`${site.second.baseUrl}/ok`, 1e6)).body.toString()).toContain('<title>ok</title>');
    expect(site.second.connections()).toBe(before + 1);
  });

  it('drips one byte a second', async () => {
    const { body, ended } = await readSome(`${site.baseUrl}/drip`, 1e6, 2_500);
    expect(ended).toBe(false);
    expect(body.toString()).toMatch(/^<!doctype html><title>drip<\/title><p>\.{1,3}$/);
  });

  it('sends an endless body, and a chunked 10,000-image page', async () => {
    const endless = await readSome(`${site.baseUrl}/endless`, 8 * 1024 * 1024);
    expect(endless.ended).toBe(false);
    expect(endless.body.length).toBeGreaterThanOrEqual(8 * 1024 * 1024);
    const many = await readSome(`${site.baseUrl}/many-images?count=10000`, 10e6);
    expect(many.ended).toBe(true);
    expect(many.body.toString().match(/<img src="\/tiny\/\d+\.png"/g)).toHaveLength(10_000);
  });

  it('serves a brotli bomb as well, and a page that never answers', async () => {
    const { headers, body } = await readSome(`${site.baseUrl}/bomb/br`, 1e6);
    expect(headers['content-encoding']).toBe('br');
    expect(body.length).toBeLessThan(200 * 1024);
    await expect(readSome(`${site.baseUrl}/silent`, 1e6, 1_000)).rejects.toThrow();
  });

  it('serves a gzip bomb: a few kilobytes that inflate to 64 MiB', async () => {
    const { headers, body, ended } = await readSome(`${site.baseUrl}/bomb/gzip`, 1e6);
    expect(ended).toBe(true);
    expect(headers['content-encoding']).toBe('gzip');
    expect(body.length).toBeLessThan(200 * 1024);
    let inflated = 0;
    const gunzip = createGunzip();
    gunzip.on('data', (chunk: Buffer) => (inflated += chunk.length));
    await new Promise((resolve) => gunzip.on('end', resolve).end(body));
    expect(inflated).toBeGreaterThan(64 * 1024 * 1024);
  });

  it('loops redirects, chains them, and redirects only to loopback', async () => {
    expect((await readSome(`${site.baseUrl}/redirect-loop/a`, 1e6)).headers.location).toBe('/redirect-loop/b');
    expect((await readSome(`${site.baseUrl}/redirect-chain/7`, 1e6)).headers.location).toBe('/redirect-chain/8');
    const blocked = `${site.second.baseUrl}/ok`;
    expect((await readSome(`${site.baseUrl}/redirect-to?url=${encodeURIComponent(blocked)}`, 1e6)).headers.location).toBe(blocked);
    expect((await readSome(`${site.baseUrl}/redirect-to?url=${encodeURIComponent('http://192.0.2.1/')}`, 1e6)).status).toBe(400);
  });

  it('flaps: 503, then 200, then 503', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await readSome(`${site.baseUrl}/flap/unit`, 1e6)).status);
    expect(statuses).toEqual([503, 200, 503]);
  });

  it('serves images that are HTML, cut short, bombs by their dimensions, and whole', async () => {
    const get = async (path: string) => (await readSome(`${site.baseUrl}${path}`, 10e6)).body;
    expect(await probeImage(await get('/image/html.png'))).toBeNull();
    expect(await integrity(await get('/image/good.png'))).toBe('complete');
    expect(await integrity(await get('/image/truncated.png'))).toBe('truncated');
    expect(await probeImage(await get('/image/huge-dimensions.png'))).toMatchObject({ width: 100_000, height: 100_000 });
    expect(await integrity(await get('/tiny/42.png'))).toBe('complete');
    expect((await get('/tiny/1.png')).equals(await get('/tiny/2.png'))).toBe(false);
  });

  it('streams a big PNG of the asked size that decoders read whole', async () => {
    const { body, ended } = await readSome(`${site.baseUrl}/image/big.png?bytes=${5 * 1024 * 1024}`, 10e6);
    expect(ended).toBe(true);
    expect(body.length).toBeGreaterThan(4 * 1024 * 1024);
    expect(body.length).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(await sharp(body, { failOn: 'truncated' }).stats()).toBeDefined();
    expect(await integrity(body)).toBe('complete');
  });

  it('cuts the connection in the middle of a body', async () => {
    const { body, ended } = await readSome(`${site.baseUrl}/reset`, 1e6);
    expect(ended).toBe(false);
    expect(body.length).toBeLessThan(100_000);
  });

  it('labels charsets wrongly, bogusly or not at all', async () => {
    const metaOnly = await readSome(`${site.baseUrl}/charset/meta-only`, 1e6);
    expect(metaOnly.headers['content-type']).toBe('text/html');
    expect(metaOnly.body.includes(Buffer.from(CHARSET_TEXT['meta-only'], 'utf8'))).toBe(false);
    expect((await readSome(`${site.baseUrl}/charset/no-content-type`, 1e6)).headers['content-type']).toBeUndefined();
    expect((await readSome(`${site.baseUrl}/robots.txt`, 1e6)).status).toBe(404);
  });
});
