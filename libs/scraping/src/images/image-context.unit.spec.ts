import { CONTEXT_WINDOW_CHARS } from './image-context';
import { discoverImages } from './discover-images';

const PAGE = 'https://site.invalid/post.html';
const contextOf = (html: string, path: string) => discoverImages(html, PAGE).find((image) => image.url === `https://site.invalid${path}`)?.context;

describe('image–text pairs: what a page says about each image', () => {
  it('reads alt, title and the declared size of an <img>', () => {
    const html = '<p>Before.</p><img src="/a.jpg" alt="  A red\n kite " title="Kite" width="640" height="480px"><p>After.</p>';
    expect(contextOf(html, '/a.jpg')).toEqual({ alt: 'A red kite', title: 'Kite', width: 640, height: 480, nearbyText: 'Before. After.' });
  });

  it('keeps an empty alt (the page says: decorative), and ignores sizes that are not pixels', () => {
    expect(contextOf('<img src="/d.png" alt="" width="50%" height="auto">', '/d.png')).toEqual({ alt: '' });
    expect(contextOf('<img src="/e.png" width="0" height="12.5">', '/e.png')).toEqual({ height: 12 });
  });

  it('takes the <figcaption> of the <figure> the image is in, before or after it, however deep', () => {
    const html = `<figure><figcaption>Caption <b>first</b></figcaption><img src="/1.jpg"></figure>
      <figure><div><a href="/x"><picture><img src="/2.jpg" alt="two"></picture></a></div><figcaption>Second
      caption</figcaption></figure><figure><img src="/3.jpg"></figure>`;
    expect(contextOf(html, '/1.jpg')?.caption).toBe('Caption first');
    expect(contextOf(html, '/2.jpg')).toMatchObject({ alt: 'two', caption: 'Second caption' });
    expect(contextOf(html, '/3.jpg')?.caption).toBeUndefined();
  });

  it('names the nearest heading before the image', () => {
    const html = '<h1>Title</h1><img src="/a.png"><h2>Section <em>two</em></h2><p>x</p><img src="/b.png"><h3>Later</h3>';
    expect(contextOf(html, '/a.png')?.heading).toBe('Title');
    expect(contextOf(html, '/b.png')?.heading).toBe('Section two');
  });

  it('bounds the text window, half before the image and half after, and leaves scripts and styles out', () => {
    const before = 'b'.repeat(400);
    const after = 'a'.repeat(400);
    const html = `<p>${before}</p><script>var hidden = 1;</script><style>p { color: red }</style><img src="/w.png"><p>${after}</p>`;
    const text = contextOf(html, '/w.png')?.nearbyText ?? '';
    expect(text).toBe(`${'b'.repeat(CONTEXT_WINDOW_CHARS / 2)} ${'a'.repeat(CONTEXT_WINDOW_CHARS / 2 - 1)}`);
    expect(text).not.toContain('hidden');
    expect(contextOf('<title>Doc title</title><p>Body text</p><img src="/t.png">', '/t.png')?.nearbyText).toBe('Body text');
  });

  it('gives the <img> alt to its <picture> sources, and one context to all URLs of one element', () => {
    const html = '<picture><source srcset="/s.webp 1x"><img src="/s.jpg" alt="shared" srcset="/s2.jpg 2x"></picture>';
    const images = discoverImages(html, PAGE);
    expect(images.map((image) => [image.via, image.context?.alt])).toEqual([['picture-source', 'shared'], ['img-src', 'shared'], ['srcset', 'shared']]);
  });

  it('gives no context to images that are not elements of the page (meta, icons, CSS)', () => {
    const html = '<meta property="og:image" content="/og.png"><link rel="icon" href="/i.png"><div style="background: url(/bg.png)">text</div>';
    expect(discoverImages(html, PAGE).map((image) => image.context)).toEqual([undefined, undefined, undefined]);
  });

  it('clips very long texts', () => {
    const context = contextOf(`<figure><img src="/l.png" alt="${'x'.repeat(2000)}"><figcaption>${'c'.repeat(5000)}</figcaption></figure>`, '/l.png');
    expect(context?.alt).toHaveLength(500);
    expect(context?.caption).toHaveLength(1000);
  });
});
