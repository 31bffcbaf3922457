import { WorkerPool, workerScript } from '@trawl/workers';
import type { PageText } from '@trawl/scraping';
import type { ExtractTextInput } from './extract-text.worker';

describe('the re-extraction worker (the real thread, from the TypeScript sources)', () => {
  const pool = new WorkerPool<ExtractTextInput, PageText>({ ...workerScript(__dirname, __filename, 'extract-text'), size: 1, timeoutMs: 10_000, maxHeapMb: 256 });
  afterAll(() => pool.close());

  it('cuts the text and detects its language (the detector loads on the thread\'s first page)', async () => {
    const html = '<html><head><title>Tides</title></head><body><p>The harbour master said the ferry would leave at noon, weather permitting.</p></body></html>';
    const page = await pool.run({ body: Buffer.from(html), contentType: 'text/html; charset=utf-8', url: 'http://127.0.0.1:8080/tides.html', text: { mode: 'full', format: 'text' } });
    expect(page.text).toContain('The harbour master said');
    expect(page.metadata).toMatchObject({ title: 'Tides', detectedLanguage: 'en' });
  }, 30_000);
});
