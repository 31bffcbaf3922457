import { cssImageUrls } from './css-urls';

describe('cssImageUrls', () => {
  it('finds url() in every form and image-set() strings, in source order', () => {
    const css = `
      .a { background: url(a.png) no-repeat, url( "b.png" ); }
      .b { background-image: url('c d.png'); list-style: url(e\\,f.png); }
      .c { background-image: image-set("g.webp" 1x, url(h.png) 2x); cursor: url(i.cur), auto; }
      @media (min-width: 1px) { .d { border-image: url(j.svg) 30; } }`;
    expect(cssImageUrls(css, 'stylesheet')).toEqual(['a.png', 'b.png', 'c d.png', 'e,f.png', 'g.webp', 'h.png', 'i.cur', 'j.svg']);
  });

  it('skips style sheet imports, namespaces, fonts and comments', () => {
    const css = `@import url("x.css"); @import "y.css"; @namespace svg url(http://www.w3.org/2000/svg);
      @font-face { font-family: F; src: url(f.woff2) format("woff2"); }
      /* url(commented.png) */ .a { background: url(kept.png) }`;
    expect(cssImageUrls(css, 'stylesheet')).toEqual(['kept.png']);
  });

  it('reads a style attribute as a declaration list', () => {
    expect(cssImageUrls('background-image: url(&quot;no&quot;); background: url("a.png")', 'declarations')).toContain('a.png');
    expect(cssImageUrls('color: red', 'declarations')).toEqual([]);
  });

  it('survives broken CSS, keeping what it can read', () => {
    const css = '.a { color: ; background: url(ok.png) } .b { : } @media { .c {background:url(ok2.png)';
    expect(cssImageUrls(css, 'stylesheet')).toEqual(['ok.png', 'ok2.png']);
    // As in a browser's tokenizer, a bad url( swallows everything up to the next ")".
    expect(cssImageUrls('.a { background: url( ; } .b { background: url(lost.png) } .c { background: url(kept.png) }', 'stylesheet')).toEqual(['kept.png']);
    expect(cssImageUrls('}}}{{{', 'stylesheet')).toEqual([]);
    expect(cssImageUrls('', 'declarations')).toEqual([]);
  });

  it('gives up on absurdly nested CSS without throwing', () => {
    const deep = `.a { width: ${'calc('.repeat(200_000)}1px${')'.repeat(200_000)}; background: url(x.png) }`;
    expect(() => cssImageUrls(deep, 'stylesheet')).not.toThrow();
  });
});
