import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLanguageDetector } from './detect-language';
import { extractPageMetadata } from './extract-page-metadata';
import { pageMetadataSchema } from './page-metadata.schema';

const fixture = (name: string) => readFileSync(join(__dirname, '../main-content/fixtures', name), 'utf8');
const URL = 'http://127.0.0.1:8080/dir/page.html';

describe('extractPageMetadata', () => {
  beforeAll(() => loadLanguageDetector());

  it('reads <meta>, Open Graph, canonical and rel=license, with URLs made absolute', () => {
    const metadata = extractPageMetadata(fixture('article-pl.html'), URL);
    expect(metadata).toEqual({
      title: 'Ogrody miejskie w Krakowie | Gazeta Przykładowa',
      description: 'Mieszkańcy Krakowa zakładają ogrody na dachach i podwórkach.',
      canonicalUrl: 'http://127.0.0.1:8080/artykuly/ogrody-miejskie',
      lang: 'pl',
      detectedLanguage: 'pl',
      languageConfidence: expect.any(Number),
      author: 'Anna Kowalska',
      publishedAt: '2024-05-14T06:30:00.000Z',
      siteName: 'Gazeta Przykładowa',
      license: 'http://127.0.0.1:8080/licencja/cc-by-sa-4.0',
    });
    expect(pageMetadataSchema.parse(metadata)).toEqual(metadata);
  });

  it('falls back to JSON-LD for author, date, publisher and license', () => {
    const metadata = extractPageMetadata(fixture('article-ru.html'), URL);
    expect(metadata).toMatchObject({
      title: 'Как река Волга меняется весной',
      description: null,
      canonicalUrl: null,
      lang: 'ru',
      detectedLanguage: 'ru',
      author: 'Иван Петров',
      publishedAt: '2023-04-02T00:00:00.000Z',
      siteName: 'Новости региона',
      license: 'http://127.0.0.1:8080/license/cc-by-4.0',
    });
  });

  it('takes og:url as the canonical URL and keeps a right-to-left page apart', () => {
    const metadata = extractPageMetadata(fixture('article-ar.html'), URL);
    expect(metadata).toMatchObject({ canonicalUrl: 'http://127.0.0.1/ar/maktaba', lang: 'ar', detectedLanguage: 'ar', siteName: 'موقع المثال' });
  });

  it('finds a Creative Commons license by its link alone, and resolves against <base href>', () => {
    // Never served: the links are only read.
    const html = `<html><head><base href="http://127.0.0.1:9000/base/"><link rel="canonical" href="article"></head>
      <body><p>Text</p><a href="https://creativecommons.org/licenses/by/4.0/deed.de">CC BY 4.0</a></body></html>`;
    const metadata = extractPageMetadata(html, URL, { text: '' });
    expect(metadata.license).toBe('https://creativecommons.org/licenses/by/4.0/deed.de');
    expect(metadata.canonicalUrl).toBe('http://127.0.0.1:9000/base/article');
  });

  it('answers null for every field a page does not state, and for a date that does not parse', () => {
    const metadata = extractPageMetadata('<html><body><time datetime="soon">x</time></body></html>', URL);
    expect(Object.values(metadata).every((value) => value === null)).toBe(true);
    expect(pageMetadataSchema.parse(metadata)).toEqual(metadata);
  });

  it('survives broken JSON-LD', () => {
    const html = '<html><head><script type="application/ld+json">{"author": </script><meta name="author" content="A. B."></head><body></body></html>';
    expect(extractPageMetadata(html, URL).author).toBe('A. B.');
  });
});
