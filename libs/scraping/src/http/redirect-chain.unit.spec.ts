import { RedirectChain, parseFetchUrl, redirectLocation } from './redirect-chain';

describe('parseFetchUrl', () => {
  it('accepts http and https, dropping the fragment', () => {
    expect(parseFetchUrl('https://site.test/a?b=1#top').href).toBe('https://site.test/a?b=1');
    expect(parseFetchUrl('/next', new URL('http://site.test/a/b')).href).toBe('http://site.test/next');
  });

  it.each(['file:///etc/passwd', 'gopher://site.test/', 'ws://site.test/', 'mailto:a@site.test'])('refuses %s', (url) => {
    expect(() => parseFetchUrl(url)).toThrow(expect.objectContaining({ code: 'unsupported-scheme' }));
  });

  it.each(['', 'site.test/page', 'http://'])('refuses the non-URL %j', (url) => {
    expect(() => parseFetchUrl(url)).toThrow(expect.objectContaining({ code: 'invalid-url' }));
  });
});

describe('redirectLocation', () => {
  it.each([
    [301, '/x', '/x'],
    [302, '/x', '/x'],
    [303, '/x', '/x'],
    [307, '/x', '/x'],
    [308, '/x', '/x'],
    [302, undefined, null],
    [300, '/x', null],
    [304, '/x', null],
    [200, '/x', null],
  ])('%d with Location %j -> %j', (status, location, expected) => {
    expect(redirectLocation(status, location)).toBe(expected);
  });
});

describe('RedirectChain', () => {
  const start = () => new URL('http://site.test/a');

  it('records the URLs that redirected, the requested one first', () => {
    const chain = new RedirectChain(start(), 5);
    chain.follow('/b');
    chain.follow('https://other.test/c');
    expect(chain.url.href).toBe('https://other.test/c');
    expect(chain.redirects).toEqual(['http://site.test/a', 'http://site.test/b']);
  });

  it('allows exactly maxRedirects hops', () => {
    const chain = new RedirectChain(start(), 2);
    chain.follow('/b');
    chain.follow('/c');
    expect(() => chain.follow('/d')).toThrow(expect.objectContaining({ code: 'too-many-redirects', maxRedirects: 2 }));
  });

  it('with maxRedirects 0 refuses the first redirect', () => {
    expect(() => new RedirectChain(start(), 0).follow('/b')).toThrow(expect.objectContaining({ code: 'too-many-redirects' }));
  });

  it('calls a return to any visited URL a loop, the fragment ignored', () => {
    const chain = new RedirectChain(start(), 10);
    chain.follow('/b');
    expect(() => chain.follow('/a#again')).toThrow(
      expect.objectContaining({ code: 'redirect-loop', redirects: ['http://site.test/a', 'http://site.test/b'] }),
    );
  });

  it('checks the scheme of every hop', () => {
    expect(() => new RedirectChain(start(), 10).follow('file:///etc/passwd')).toThrow(
      expect.objectContaining({ code: 'unsupported-scheme' }),
    );
  });
});
