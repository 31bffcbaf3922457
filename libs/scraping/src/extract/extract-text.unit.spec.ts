import { extractText } from './extract-text';

const textOf = (html: string) => extractText(html).text;

describe('extractText', () => {
  it('removes tags and decodes entities', () => {
    expect(textOf('<p>Fish &amp; chips &lt;3 &eacute;t&#233; &#x2014; &nbsp;ok</p>')).toBe('Fish & chips <3 été — ok');
  });

  it('drops script, style, noscript, template, comments and head content', () => {
    const html = `<!doctype html><html><head><title>T</title><meta name="description" content="meta text">
      <style>body { color: red }</style><script>var head = 1;</script></head>
      <body><!-- a comment --><script>function leak() { return 1; }</script><style>.x{}</style>
      <noscript>Enable JavaScript</noscript><template><p>inert</p></template>
      <script type="application/ld+json">{"articleBody": "json"}</script><p>Visible</p></body></html>`;
    expect(textOf(html)).toBe('Visible');
  });

  it('drops elements with the hidden attribute, closed dialogs, form controls and SVG', () => {
    const html = `<div hidden>gone</div><p hidden="">gone too</p><div hidden="until-found">findable</div>
      <dialog>closed</dialog><dialog open>open dialog</dialog>
      <input type="hidden" value="secret"><textarea>typed</textarea><select><option>opt</option></select>
      <svg><title>icon title</title><text>svg text</text></svg><button>Press</button>`;
    expect(textOf(html)).toBe('findable\nopen dialog\nPress');
  });

  it('drops elements hidden by an inline style', () => {
    const html = `<p style="display:none">a</p><p style="color: red; DISPLAY : none !important;">b</p>
      <span style="visibility: hidden">c</span><p style="display: block">shown</p><p style="display:nonexistent">x</p>`;
    expect(textOf(html)).toBe('shown\n\nx');
  });

  it('puts blocks on lines of their own and keeps inline elements inside words', () => {
    const html = '<div>one</div><div>t<b>w</b><i>o</i> <a href="#">link</a><span>s</span></div><section>three</section>';
    expect(textOf(html)).toBe('one\ntwo links\nthree');
  });

  it('separates paragraphs and headings by one blank line', () => {
    const html = '<h1>Title</h1><p>First</p><p></p><p>  </p><p>Second</p><div><div><p>Third</p></div></div>';
    expect(textOf(html)).toBe('Title\n\nFirst\n\nSecond\n\nThird');
  });

  it('turns <br> into line breaks, with at most one blank line', () => {
    expect(textOf('<p>a<br>b<br><br>c<br><br><br><br>d<br></p><p>e</p>')).toBe('a\nb\n\nc\n\nd\n\ne');
  });

  it('keeps Unicode spaces other than the no-break space, which collapses like a space', () => {
    expect(textOf('<p>5\u202f% \u2003em<b>\u2009</b>thin &nbsp; nb</p>')).toBe('5\u202f% \u2003em\u2009thin nb');
  });

  it('collapses whitespace and trims lines', () => {
    expect(textOf('<div>\n   lots \t of\n\n   space   </div>\n\n\n<div>  x  </div>')).toBe('lots of space\nx');
  });

  it('lists, definition lists, block quotes and figures become lines', () => {
    const html = `<ul><li>one</li><li>two <ol><li>nested</li></ol></li></ul><dl><dt>term</dt><dd>def</dd></dl>
      <blockquote>quote</blockquote><figure><img src="x.png" alt="alt is not text"><figcaption>caption</figcaption></figure>
      <hr><address>addr</address>`;
    expect(textOf(html)).toBe('one\ntwo\nnested\nterm\ndef\n\nquote\n\ncaption\n\naddr');
  });

  it('separates table cells by tabs and rows by lines', () => {
    const html = '<table><tr><th>Name</th><th>Age</th></tr><tr><td> Ann </td><td><b>30</b></td></tr></table><p>after</p>';
    expect(textOf(html)).toBe('Name\tAge\nAnn\t30\n\nafter');
  });

  it('keeps line breaks and indentation inside <pre>', () => {
    const html = '<p>code:</p><pre>\ndef f():\n    return  1\n\n\nprint(f())   </pre><p>end</p>';
    expect(textOf(html)).toBe('code:\n\ndef f():\n    return  1\n\nprint(f())\n\nend');
  });

  it('reads the title as whitespace-normalised metadata, not as text', () => {
    expect(extractText('<title>\n  A   &amp; B\n</title><p>body</p>')).toEqual({ title: 'A & B', text: 'body' });
    expect(extractText('<p>no title</p>').title).toBeNull();
    expect(extractText('<title>  </title><p>x</p>').title).toBeNull();
    expect(extractText('<title>first</title><title>second</title>').title).toBe('first');
    expect(extractText('<title> </title><title>second</title>').title).toBeNull();
  });

  it('ignores an SVG <title> as the document title', () => {
    expect(extractText('<body><svg><title>icon</title></svg><p>x</p></body>').title).toBeNull();
  });

  it('keeps MathML text but not its annotations', () => {
    const html = '<p>E = <math><semantics><mi>m</mi><annotation encoding="application/x-tex">m c^2</annotation></semantics></math></p>';
    expect(textOf(html)).toBe('E = m');
  });

  it('returns empty text for an empty or markup-only document', () => {
    expect(extractText('')).toEqual({ title: null, text: '' });
    expect(textOf('<div><span> </span></div>')).toBe('');
  });

  it('walks a 100 000-deep document without overflowing the stack', () => {
    const depth = 100_000;
    const html = `<p>top</p>${'<span>'.repeat(depth)}deep${'</span>'.repeat(depth)}`;
    expect(textOf(html)).toBe('top\n\ndeep');
  });
});
