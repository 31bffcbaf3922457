import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_SITE_DIR } from '../support/fixture-site';

interface ExpectedPage {
  path: string;
  title: string;
  text?: string;
  mustContain?: string[];
  mustNotContain?: string[];
}

interface Expected {
  pages: ExpectedPage[];
  images: Record<string, { images: { path: string }[]; dataUris: { contentType: string; width: number; height: number }[] }>;
}

/** What the fixture site's pages must yield (test/fixtures/site/expected.json), with file hashes. */
export const expected = JSON.parse(readFileSync(join(FIXTURE_SITE_DIR, 'expected.json'), 'utf8')) as Expected;

export const textPages = expected.pages.filter((page) => ['/pages/plain-article.html', '/charset/latin2-meta.html', '/charset/cp1250-header.html', '/charset/utf16-bom.html'].includes(page.path));

/** The bytes the fixture site serves for an image path (query strings are not part of the file name). */
export function fixtureImageBytes(path: string): Buffer {
  return readFileSync(join(FIXTURE_SITE_DIR, decodeURIComponent(path.split('?')[0])));
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
