import { htmlToMarkdown } from './html-to-markdown';
import { pageMarkdown } from './page-markdown';

const BASE = 'http://127.0.0.1:8080/dir/page.html';

describe('htmlToMarkdown', () => {
  it('renders headings, paragraphs, emphasis and lists', () => {
    const markdown = htmlToMarkdown('<h2>Part</h2><p>Some <em>soft</em> and <strong>loud</strong> words.</p><ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>', BASE);
    expect(markdown).toBe('## Part\n\nSome _soft_ and **loud** words.\n\n-   one\n-   two\n\n1.  first');
  });

  it('makes links and images absolute, keeps alt text, and drops links that go nowhere', () => {
    const markdown = htmlToMarkdown('<p><a href="../up?q=1">up</a> <a href="javascript:alert(1)">js</a> <img src="img/a (1).png" alt="A [cat]"></p>', BASE);
    expect(markdown).toBe('[up](http://127.0.0.1:8080/up?q=1) js ![A \\[cat\\]](http://127.0.0.1:8080/dir/img/a%20%281%29.png)');
  });

  it('renders tables as GFM pipe tables, the first row as header', () => {
    const markdown = htmlToMarkdown('<table><thead><tr><th>Name</th><th>a|b</th></tr></thead><tbody><tr><td>x</td><td>1<br>2</td></tr></tbody></table>', BASE);
    expect(markdown).toBe('| Name | a\\|b |\n| --- | --- |\n| x | 1 2 |');
  });

  it('keeps nothing of scripts, styles and forms', () => {
    const markdown = htmlToMarkdown('<p>Text</p><script>var secret = 1;</script><style>p { color: red }</style><noscript>no js</noscript><form><input value="q"><button>Go</button></form>', BASE);
    expect(markdown).toBe('Text');
  });
});

describe('pageMarkdown', () => {
  const page = `<html><head><base href="/other/"><title>T</title><style>.x{}</style></head><body>
    <nav><a href="menu">Menu</a></nav><article><h1>Title</h1>${'<p>A sentence of the article body, long enough to count as content.</p>'.repeat(8)}<p><a href="more">more</a></p></article>
    <footer>Footer text</footer></body></html>`;

  it('renders the whole body in full mode, links resolved against <base href>', () => {
    const markdown = pageMarkdown(page, BASE, 'full');
    expect(markdown).toContain('[Menu](http://127.0.0.1:8080/other/menu)');
    expect(markdown).toContain('Footer text');
    expect(markdown).not.toContain('.x{}');
  });

  it('renders the main content only in main mode', () => {
    const markdown = pageMarkdown(page, BASE, 'main');
    expect(markdown).toContain('A sentence of the article body');
    expect(markdown).toContain('[more](http://127.0.0.1:8080/other/more)');
    expect(markdown).not.toContain('Menu');
    expect(markdown).not.toContain('Footer text');
  });
});
