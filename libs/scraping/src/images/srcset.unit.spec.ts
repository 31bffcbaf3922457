import { srcsetUrls } from './srcset';

describe('srcsetUrls', () => {
  it('keeps a comma inside a URL (the WHATWG algorithm, not a split on commas)', () => {
    expect(srcsetUrls('a,b.jpg 1x, c.jpg 2x')).toEqual(['a,b.jpg', 'c.jpg']);
  });

  it('keeps commas in query strings', () => {
    expect(srcsetUrls('/img?x=1,2&y=3 480w, /img?x=4,5 800w')).toEqual(['/img?x=1,2&y=3', '/img?x=4,5']);
  });

  it('reads candidates without descriptors, without spaces after commas, and data: URIs', () => {
    expect(srcsetUrls('  pic.jpg  ')).toEqual(['pic.jpg']);
    expect(srcsetUrls('a.jpg 1x,b.jpg 2x')).toEqual(['a.jpg', 'b.jpg']);
    expect(srcsetUrls('data:image/png;base64,iVBORw0KGgo= 1x, b.jpg 2x')).toEqual(['data:image/png;base64,iVBORw0KGgo=', 'b.jpg']);
  });

  it('drops candidates with invalid descriptors, as browsers do, and logs nothing', () => {
    const log = jest.spyOn(console, 'log');
    try {
      expect(srcsetUrls('a.jpg 1q, b.jpg 2x')).toEqual(['b.jpg']);
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });

  it('gives nothing for an empty value', () => {
    expect(srcsetUrls('')).toEqual([]);
    expect(srcsetUrls(' , ')).toEqual([]);
  });
});
