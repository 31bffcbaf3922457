import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmbeddedTrawl, type TrawlDeployment } from '../support/trawl-deployment';

/** An article page as sites serve them: navigation, a cookie banner, the article, related links, a footer. */
const ARTICLE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Tide pools at dawn | Shore Notes</title>
<meta name="description" content="What lives in a tide pool, and when to look.">
<meta property="og:site_name" content="Shore Notes">
<meta name="author" content="Ada Marsh">
<meta property="article:published_time" content="2026-03-04T05:06:07Z">
<link rel="canonical" href="/articles/tide-pools">
<link rel="license" href="https://creativecommons.org/licenses/by/4.0/">
</head><body>
<header><nav><a href="/">Home</a> <a href="/articles">Articles</a> <a href="/about">About us</a> <a href="/shop">Shop</a></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all cookies</button></div>
<main><article>
<h1>Tide pools at dawn</h1>
<p>Tide pools are small worlds left behind by the retreating sea. At dawn, before the sun warms the rocks, their residents are most active and easiest to watch.</p>
<p>Look for anemones that close when touched, hermit crabs trading shells, and tiny fish that dart between the weeds. Each pool is different, and each tide rearranges it.</p>
<h2>What to bring</h2>
<ul><li>Shoes with a good grip on wet rock</li><li>A small <em>hand lens</em> for the smallest animals</li><li>A tide table for the day</li></ul>
<p>Leave every stone as you found it: the underside of a rock is someone's home. Read more in <a href="/guides/etiquette">our guide to rock pool etiquette</a>.</p>
</article></main>
<aside class="related"><h3>Related articles</h3><ul><li><a href="/a">Ten best beaches</a></li><li><a href="/b">Shop our summer sale</a></li></ul></aside>
<footer><p>© 2026 Shore Notes. All rights reserved.</p><p><a href="/privacy">Privacy policy</a> · <a href="/terms">Terms of use</a></p></footer>
</body></html>`;

describe('e2e: text extraction (main content, Markdown, metadata, re-extraction) [embedded]', () => {
  let site: Server;
  let siteUrl: string;
  let trawl: TrawlDeployment;

  beforeAll(async () => {
    site = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/articles/tide-pools`;
    trawl = await startEmbeddedTrawl();
  });
  afterAll(async () => {
    await trawl?.stop();
    if (site.listening) await new Promise((resolve) => site.close(resolve));
  });

  it('cuts the main content as text and Markdown, with the page metadata', async () => {
    const { task } = await trawl.client.createTask({ url: siteUrl, collect: ['text'], text: { mode: 'main', format: 'markdown' } });
    const done = (await trawl.client.waitForFinal(task.id)) as unknown as Record<string, any>;
    expect(done).toMatchObject({ status: 'completed', extraction: { mode: 'main', format: 'markdown', version: 1 } });
    expect(done.metadata).toMatchObject({
      description: 'What lives in a tide pool, and when to look.', siteName: 'Shore Notes', author: 'Ada Marsh', lang: 'en', detectedLanguage: 'en',
      canonicalUrl: siteUrl, license: 'https://creativecommons.org/licenses/by/4.0/', publishedAt: '2026-03-04T05:06:07.000Z',
    });
    const text = await trawl.client.text(task.id);
    expect(text).toContain('Tide pools are small worlds');
    expect(text).toContain('A tide table for the day');
    for (const boilerplate of ['Accept all cookies', 'About us', 'Related articles', 'All rights reserved', 'Privacy policy']) expect(text).not.toContain(boilerplate);
    const markdown = await (await trawl.client.request(`/api/v1/tasks/${task.id}/text`, { headers: { accept: 'text/markdown' } })).text();
    expect(markdown).toMatch(/^## What to bring$/m);
    expect(markdown).toMatch(/^[-*] {1,3}A small _hand lens_ for the smallest animals$/m);
    expect(markdown).toContain(`[our guide to rock pool etiquette](http://127.0.0.1:${new URL(siteUrl).port}/guides/etiquette)`);
    expect(markdown).not.toContain('Accept all cookies');
  });

  it('re-extracts a full-text task as main content and Markdown with the site gone; the old text stays in the events; a rebuild agrees', async () => {
    const { task } = await trawl.client.createTask({ url: `${siteUrl}?full`, collect: ['text'] });
    expect(await trawl.client.waitForFinal(task.id)).toMatchObject({ status: 'completed' });
    const fullText = await trawl.client.text(task.id);
    expect(fullText).toContain('Accept all cookies');
    const noMarkdown = await trawl.client.request(`/api/v1/tasks/${task.id}/text?format=markdown`);
    expect(noMarkdown.status).toBe(409);
    await new Promise((resolve) => site.close(resolve));

    const response = await trawl.client.request(`/api/v1/tasks/${task.id}/extractions`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'main', format: 'markdown' }),
    });
    expect(response.status).toBe(201);
    const extraction = (await response.json()) as { version: number; extractor: string };
    expect(extraction).toMatchObject({ version: 2, mode: 'main', format: 'markdown', extractor: expect.stringMatching(/^main-/) });

    await waitForView(trawl, task.id, (view) => view.extraction?.version === 2);
    const mainText = await trawl.client.text(task.id);
    expect(mainText).toContain('Tide pools are small worlds');
    expect(mainText).not.toContain('Accept all cookies');
    const markdown = await (await trawl.client.request(`/api/v1/tasks/${task.id}/text?format=markdown`)).text();
    expect(markdown).toMatch(/^## What to bring$/m);

    const events = await trawl.client.events(task.id);
    expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(['PageFetched', 'TextExtracted']));
    const before = await trawl.client.getTask(task.id);

    // The old text is still there: the PageFetched event names its blob, which the API still serves by hash.
    await trawl.processes.get('trawl')!.stop();
    const rebuild = await trawl.cli(['rebuild-read-models']);
    expect(rebuild).toMatchObject({ code: 0 });
    await trawl.start('trawl');
    expect(await trawl.client.getTask(task.id)).toEqual(before);
    expect(await trawl.client.text(task.id)).toBe(mainText);
  });
});

async function waitForView(trawl: TrawlDeployment, id: string, ready: (view: Record<string, any>) => boolean): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    if (ready((await trawl.client.getTask(id)) as unknown as Record<string, any>)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`task ${id} did not reach the expected view`);
}
