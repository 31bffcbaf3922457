import { createHash } from 'node:crypto';
import { imageIdFor, normaliseImageUrl } from './image-id';

describe('imageIdFor', () => {
  it('is deterministic, URL-safe and 24 characters long', () => {
    const id = imageIdFor('https://example.invalid/a.png');
    expect(id).toMatch(/^img_[0-9a-f]{20}$/);
    expect(imageIdFor('https://example.invalid/a.png')).toBe(id);
  });

  it('is the SHA-256 of the normalised URL', () => {
    const digest = createHash('sha256').update('https://example.invalid/a.png').digest('hex');
    expect(imageIdFor('HTTPS://Example.INVALID:443/a.png#top')).toBe(`img_${digest.slice(0, 20)}`);
  });

  it('tells different URLs apart', () => {
    const urls = ['https://a.invalid/x.png', 'https://a.invalid/x.png?v=2', 'http://a.invalid/x.png', 'https://a.invalid/X.png', 'data:image/png;base64,AA=='];
    expect(new Set(urls.map(imageIdFor)).size).toBe(urls.length);
  });
});

describe('normaliseImageUrl', () => {
  it.each([
    ['HTTP://EXAMPLE.invalid:80/a b.png#frag', 'http://example.invalid/a%20b.png'],
    ['  https://example.invalid/p?q=1  ', 'https://example.invalid/p?q=1'],
    ['data:image/png;base64,AA==#x', 'data:image/png;base64,AA=='],
    ['not a url', 'not a url'],
  ])('%j -> %j', (url, normalised) => {
    expect(normaliseImageUrl(url)).toBe(normalised);
  });
});
