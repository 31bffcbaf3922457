import { decideReuse, imageUrlStreamName, type ImageUrlFetched } from './image-url-events';

const fetched = (overrides: Partial<ImageUrlFetched> = {}): ImageUrlFetched => ({
  url: 'http://127.0.0.1/a.png', sha256: 'a'.repeat(64), contentType: 'image/png', format: 'png', width: 1, height: 1, bytes: 10,
  etag: null, lastModified: null, fetchedAt: '2026-01-01T00:00:00.000Z', taskId: 't1', imageId: 'i1', ...overrides,
});
const hour = 3_600_000;

describe('decideReuse', () => {
  it('downloads what was never stored', () => {
    expect(decideReuse(null, new Date('2026-01-01T00:00:00Z'), hour)).toEqual({ kind: 'download' });
  });

  it('reuses a copy younger than the maximum age', () => {
    expect(decideReuse(fetched(), new Date('2026-01-01T00:30:00Z'), hour)).toMatchObject({ kind: 'reuse' });
  });

  it('revalidates an older copy with the validators the server gave, or downloads it again without any', () => {
    const later = new Date('2026-01-01T02:00:00Z');
    expect(decideReuse(fetched({ etag: '"v1"', lastModified: 'Wed, 01 Jan 2026 00:00:00 GMT' }), later, hour)).toEqual({
      kind: 'revalidate', from: expect.anything(), headers: { 'if-none-match': '"v1"', 'if-modified-since': 'Wed, 01 Jan 2026 00:00:00 GMT' },
    });
    expect(decideReuse(fetched(), later, hour)).toEqual({ kind: 'download' });
    expect(decideReuse(fetched({ etag: '"v1"' }), later, 0)).toMatchObject({ kind: 'revalidate' });
  });

  it('names one stream per URL', () => {
    expect(imageUrlStreamName('http://127.0.0.1/a.png')).toBe(imageUrlStreamName('http://127.0.0.1/a.png'));
    expect(imageUrlStreamName('http://127.0.0.1/a.png')).not.toBe(imageUrlStreamName('http://127.0.0.1/b.png'));
    expect(imageUrlStreamName('http://127.0.0.1/a.png')).toMatch(/^image-url-[0-9a-f]{40}$/);
  });
});
