import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_SITE_DIR, startFixtureSite } from '../../../../test/support/fixture-site';
import type { FixtureSite } from '../../../../test/support/fixture-site';
import { decodeHtml } from '../charset/decode-html';
import { decodeDataUri } from './data-uri';
import { discoverImages } from './discover-images';
import type { DiscoveredImage } from './discover-images';
import { probeImage } from './probe-image';

interface ImagesExpectation {
  images: Array<{ path: string; via: string }>;
  dataUris: Array<{ via: string; contentType: string; format: string; width: number; height: number }>;
}
interface Expected {
  images: Record<string, ImagesExpectation>;
  imageFiles: Record<string, { format: string; width: number; height: number } | null>;
}

const expected: Expected = JSON.parse(readFileSync(join(FIXTURE_SITE_DIR, 'expected.json'), 'utf8'));

describe('discoverImages on the fixture site', () => {
  let site: FixtureSite;
  beforeAll(async () => {
    site = await startFixtureSite();
  });
  afterAll(() => site.close());

  /** Fetches a page through a redirect from a deeper path, so only the final URL resolves it right. */
  async function discover(pagePath: string, pageUrlOf: (response: Response, requested: string) => string) {
    const requested = `${site.baseUrl}/redirect/from/elsewhere?to=${encodeURIComponent(pagePath)}`;
    const response = await fetch(requested);
    const { html } = decodeHtml(new Uint8Array(await response.arrayBuffer()), response.headers.get('content-type') ?? undefined);
    return discoverImages(html, pageUrlOf(response, requested));
  }

  function onSite(images: DiscoveredImage[]) {
    return images
      .filter((image) => !image.url.startsWith('data:'))
      .map((image) => {
        const url = new URL(image.url);
        expect(url.origin).toBe(site.baseUrl);
        return { path: url.pathname + url.search, via: image.via };
      });
  }

  it.each(Object.entries(expected.images))('%s yields exactly the expected images', async (pagePath, want) => {
    const images = await discover(pagePath, (response) => response.url);

    expect(onSite(images)).toEqual(want.images);
    const dataUris = images.filter((image) => image.url.startsWith('data:'));
    expect(dataUris.map((image) => image.via)).toEqual(want.dataUris.map((data) => data.via));
    for (const [index, image] of dataUris.entries()) {
      const decoded = decodeDataUri(image.url)!;
      const { via: _via, ...described } = want.dataUris[index];
      expect({ contentType: decoded.contentType, ...(await probeImage(decoded.bytes)) }).toEqual(described);
    }
  });

  it('resolves against the final URL: the URL before the redirect gives wrong paths', async () => {
    const images = await discover('/pages/all-hiding-places.html', (_response, requested) => requested);
    const paths = onSite(images).map((image) => image.path);
    expect(paths).toContain('/redirect/img/img-src.png');
    expect(paths).not.toContain('/img/img-src.png');
  });

  it('every discovered image is served by the fixture site', async () => {
    const images = await discover('/pages/all-hiding-places.html', (response) => response.url);
    for (const image of images.filter((candidate) => !candidate.url.startsWith('data:'))) {
      const response = await fetch(image.url);
      await response.arrayBuffer();
      expect([image.url, response.status]).toEqual([image.url, 200]);
    }
  });

  it.each(Object.entries(expected.imageFiles))('probeImage(%s) as served', async (path, want) => {
    const response = await fetch(site.baseUrl + path);
    const probe = await probeImage(Buffer.from(await response.arrayBuffer()));
    if (want === null) expect(probe).toBeNull();
    else expect(probe).toMatchObject(want);
  });
});
