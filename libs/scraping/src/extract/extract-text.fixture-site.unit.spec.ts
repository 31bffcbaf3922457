import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_SITE_DIR, startFixtureSite } from '../../../../test/support/fixture-site';
import type { FixtureSite } from '../../../../test/support/fixture-site';
import { decodeHtml } from '../charset/decode-html';
import { extractText } from './extract-text';

interface PageExpectation {
  path: string;
  charset: string;
  title: string;
  text?: string;
  mustContain?: string[];
  mustNotContain?: string[];
}

const expected: { pages: PageExpectation[] } = JSON.parse(readFileSync(join(FIXTURE_SITE_DIR, 'expected.json'), 'utf8'));

describe('extractText on the fixture site, pages decoded as served', () => {
  let site: FixtureSite;
  beforeAll(async () => {
    site = await startFixtureSite();
  });
  afterAll(() => site.close());

  it.each(expected.pages.map((page) => [page.path, page] as const))('%s', async (_path, page) => {
    const response = await fetch(site.baseUrl + page.path);
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const { html, charset } = decodeHtml(bytes, response.headers.get('content-type') ?? undefined);
    const { title, text } = extractText(html);

    expect(charset).toBe(page.charset);
    expect(title).toBe(page.title);
    if (page.text !== undefined) expect(text).toBe(page.text);
    for (const snippet of page.mustContain ?? []) expect(text).toContain(snippet);
    for (const snippet of page.mustNotContain ?? []) expect(text).not.toContain(snippet);
  });
});
