import { ContentRejectedError } from '../failures';
import type { ReceivedPage } from '../page-job/page-document';
import { PageParser } from './page-parser';

const page = (html: string | Buffer, contentType?: string): ReceivedPage => ({
  finalUrl: 'http://127.0.0.1:8080/dir/page.html',
  httpStatus: 200,
  contentType,
  body: Buffer.isBuffer(html) ? html : Buffer.from(html, 'utf8'),
});

describe('PageParser (the real worker, from the TypeScript sources)', () => {
  let parser: PageParser;
  beforeAll(() => {
    parser = new PageParser({ workers: 1, timeoutMs: 1_500, maxHeapMb: 256 });
  });
  afterAll(async () => {
    await parser.close();
  });

  it('decodes, extracts the text and discovers the images in a worker thread', async () => {
    const html = Buffer.from('<!doctype html><title>Caf\xe9</title><p>Cr\xe8me <img src="a.png"></p><img src="/b.jpg">', 'latin1');
    const document = await parser.parse(page(html, 'text/html; charset=windows-1252'));
    expect(document).toEqual({
      finalUrl: 'http://127.0.0.1:8080/dir/page.html',
      httpStatus: 200,
      contentType: 'text/html; charset=windows-1252',
      charset: 'windows-1252',
      bytes: html.length,
      title: 'Café',
      text: 'Crème',
      markdown: null,
      metadata: expect.objectContaining({ title: 'Café', lang: null }),
      extraction: { mode: 'full', format: 'text', extractor: 'full-1.0.0' },
      body: html,
      images: [
        expect.objectContaining({ url: 'http://127.0.0.1:8080/dir/a.png', via: 'img-src' }),
        expect.objectContaining({ url: 'http://127.0.0.1:8080/b.jpg', via: 'img-src' }),
      ],
    });
  }, 30_000);

  it('warms up: its thread is ready before any page asks and parses the first one; a closed parser says it could not', async () => {
    const fresh = new PageParser({ workers: 1, timeoutMs: 1_500, maxHeapMb: 256 });
    try {
      expect(await fresh.warmUp()).toBe(true);
      // The language detector loads on the thread's first page, not at the warm-up.
      const first = '<title>First</title><p>The first page after the warm-up tells of the ferry that leaves the harbour at noon.</p>';
      await expect(fresh.parse(page(first))).resolves.toMatchObject({ title: 'First', metadata: expect.objectContaining({ detectedLanguage: 'en' }) });
    } finally {
      await fresh.close();
    }
    expect(await fresh.warmUp()).toBe(false);
  }, 30_000);

  it('fails a page that parses too slowly with parse-timeout, keeping the event loop free, then parses the next', async () => {
    await parser.parse(page('<p>warm</p>'));
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 50);
    const started = Date.now();
    // End tags of an element never opened make the parser search the whole stack of open elements,
    // each: quadratic, over a minute at this depth.
    const error = await parser.parse(page('<div>'.repeat(50_000) + '</span>'.repeat(50_000))).catch((caught: unknown) => caught);
    clearInterval(ticker);
    expect(error).toBeInstanceOf(ContentRejectedError);
    expect(error).toMatchObject({ code: 'parse-timeout', message: expect.stringContaining('1500 ms') });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(ticks).toBeGreaterThanOrEqual(10);
    await expect(parser.parse(page('<title>next</title>'))).resolves.toMatchObject({ title: 'next' });
  }, 60_000);
});
