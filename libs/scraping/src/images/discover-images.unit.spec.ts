import { discoverImages } from './discover-images';

const PAGE = 'https://site.invalid/articles/post.html';
const urls = (html: string, pageUrl = PAGE) => discoverImages(html, pageUrl).map((image) => image.url);

describe('discoverImages', () => {
  it('resolves relative, root-relative, protocol-relative and absolute URLs against the page', () => {
    const html = '<img src="a.png"><img src="../b.png"><img src="/c.png"><img src="//cdn.invalid/d.png"><img src="http://other.invalid/e.png">';
    expect(urls(html)).toEqual([
      'https://site.invalid/articles/a.png',
      'https://site.invalid/b.png',
      'https://site.invalid/c.png',
      'https://cdn.invalid/d.png',
      'http://other.invalid/e.png',
    ]);
  });

  it('resolves against the final URL it is given, whatever was first requested', () => {
    expect(urls('<img src="a.png">', 'https://moved.invalid/new/place/')).toEqual(['https://moved.invalid/new/place/a.png']);
  });

  it('resolves against the first <base href>, itself resolved against the page, for the whole document', () => {
    const html = '<head><base target="_top"><base href="../static/"><base href="/ignored/"></head><body><img src="a.png"></body>';
    expect(urls(html)).toEqual(['https://site.invalid/static/a.png']);
    const before = '<img src="early.png"><base href="https://cdn.invalid/">';
    expect(urls(before)).toEqual(['https://cdn.invalid/early.png']);
  });

  it('ignores a <base href> that is not http(s)', () => {
    expect(urls('<base href="javascript:alert(1)"><img src="a.png">')).toEqual(['https://site.invalid/articles/a.png']);
  });

  it('lists each image once, the first occurrence winning, fragments ignored', () => {
    const html = '<meta property="og:image" content="/a.png"><img src="/a.png#x" srcset="/a.png 1x, /b.png 2x"><img src="/b.png">';
    expect(discoverImages(html, PAGE)).toEqual([
      { url: 'https://site.invalid/a.png', via: 'og-image' },
      { url: 'https://site.invalid/b.png', via: 'srcset' },
    ]);
  });

  it('keeps http, https and data: only, trims whitespace, skips empty and about:blank', () => {
    const html = `<img src="  \n /a.png \t"><img src=""><img src="   "><img src="about:blank"><img src="javascript:void(0)">
      <img src="ftp://files.invalid/x.png"><img src="blob:https://site.invalid/uuid"><img src="file:///etc/passwd">
      <img src="http://[bad"><img src=" data:image/gif;base64,R0lGODlh ">`;
    expect(urls(html)).toEqual(['https://site.invalid/a.png', 'data:image/gif;base64,R0lGODlh']);
  });

  it('finds images in <noscript> fallbacks but not in inert <template> content', () => {
    expect(urls('<noscript><img src="/real.png"></noscript><template><img src="/inert.png"></template>')).toEqual([
      'https://site.invalid/real.png',
    ]);
  });

  it('knows a <source> in <video> is not an image, and an <a href> is not one either', () => {
    expect(urls('<video><source srcset="/v.png"></video><a href="/linked.png">x</a><picture><source srcset="/p.png"></picture>')).toEqual([
      'https://site.invalid/p.png',
    ]);
  });

  it('reads icons, preloads and social images by their rel or property, in any letter case', () => {
    const html = `<link rel="Shortcut Icon" href="/1.ico"><link rel="apple-touch-icon-precomposed" href="/2.png">
      <link rel="stylesheet" href="/no.css"><link rel="preload" as="image" href="/3.webp" imagesrcset="/4.webp 2x">
      <link rel="preload" as="font" href="/no.woff2"><meta property="OG:IMAGE:SECURE_URL" content="/5.png">
      <meta name="twitter:image:src" content="/6.png"><meta property="og:title" content="/no.png">`;
    expect(discoverImages(html, PAGE).map((image) => `${new URL(image.url).pathname} ${image.via}`)).toEqual([
      '/1.ico icon',
      '/2.png icon',
      '/3.webp preload',
      '/4.webp preload',
      '/5.png og-image',
      '/6.png twitter-image',
    ]);
  });

  it('reads lazy-loading attributes, legacy background attributes, and inline CSS', () => {
    const html = `<body background="/bg.gif"><img data-lazy-srcset="/1.png 1x, /2.png 2x" data-src="/0.png">
      <div style="background: url(/3.png)"></div><style>.x { background: url("/4.png") }</style>
      <input type="IMAGE" src="/5.png"><input type="submit" src="/no.png"><video poster="/6.png"></video></body>`;
    expect(discoverImages(html, PAGE).map((image) => `${new URL(image.url).pathname} ${image.via}`)).toEqual([
      '/bg.gif background-attr',
      '/0.png data-src',
      '/1.png data-lazy-srcset',
      '/2.png data-lazy-srcset',
      '/3.png style-attr',
      '/4.png style-block',
      '/5.png input-image',
      '/6.png video-poster',
    ]);
  });

  it('reads SVG <image> with href or xlink:href', () => {
    const html = '<svg><image href="/a.png"/><image xlink:href="/b.svg"/></svg>';
    expect(discoverImages(html, PAGE)).toEqual([
      { url: 'https://site.invalid/a.png', via: 'svg-image' },
      { url: 'https://site.invalid/b.svg', via: 'svg-image' },
    ]);
  });

  it('handles a document without images, and a deeply nested one', () => {
    expect(discoverImages('<p>none</p>', PAGE)).toEqual([]);
    const deep = `${'<span>'.repeat(100_000)}<img src="/deep.png">${'</span>'.repeat(100_000)}`;
    expect(urls(deep)).toEqual(['https://site.invalid/deep.png']);
  });

  it('throws on a page URL that is not absolute', () => {
    expect(() => discoverImages('<img src="a.png">', 'not a url')).toThrow('Invalid URL');
  });
});
