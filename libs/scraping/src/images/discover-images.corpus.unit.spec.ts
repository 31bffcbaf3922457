import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import { discoverImages } from './discover-images';
import { srcsetUrls } from './srcset';
import { corpusDir } from '../../../../test/support/corpus';

/**
 * Real markup: the images of each corpus page's main content, as Readability extracts it, must be
 * among the images we discover in the whole page. Readability resolves URLs against
 * http://fakehost/test/page.html and turns lazy-loading attributes into `src`, so this checks
 * URL resolution and lazy-image handling on real sites.
 */
const CORPUS = corpusDir();
const PAGE_URL = 'http://fakehost/test/page.html';
const REQUIRED_SHARE = 0.98;

function contentImageUrls(expectedHtml: string): string[] {
  const $ = load(expectedHtml);
  const raw = $('img')
    .toArray()
    .flatMap((img) => [img.attribs.src ?? '', ...srcsetUrls(img.attribs.srcset ?? '')]);
  return raw.flatMap((value) => {
    const url = URL.parse(value.trim());
    if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) return [];
    url.hash = '';
    return [url.href];
  });
}

const pages = existsSync(CORPUS)
  ? readdirSync(CORPUS).filter((name) => existsSync(join(CORPUS, name, 'expected.html')))
  : [];

describe('discoverImages on the real-page corpus', () => {
  let wanted = 0;
  let missing: string[] = [];

  beforeAll(() => {
    for (const page of pages) {
      const found = new Set(
        discoverImages(readFileSync(join(CORPUS, page, 'source.html'), 'utf8'), PAGE_URL).map((image) => image.url),
      );
      const want = new Set(contentImageUrls(readFileSync(join(CORPUS, page, 'expected.html'), 'utf8')));
      wanted += want.size;
      missing = missing.concat([...want].filter((url) => !found.has(url)).map((url) => `${page}: ${url}`));
    }
  }, 180_000);

  it(`finds >= ${REQUIRED_SHARE * 100}% of the main-content images`, () => {
    process.stdout.write(`corpus: ${wanted - missing.length}/${wanted} main-content images discovered\n`);
    expect(pages.length).toBeGreaterThanOrEqual(100);
    expect(wanted).toBeGreaterThan(500);
    expect((wanted - missing.length) / wanted).toBeGreaterThanOrEqual(REQUIRED_SHARE);
  });
});
