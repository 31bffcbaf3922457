import { charsetOfContentType, decodeHtml } from './decode-html';

/** Builds bytes from ASCII text and raw byte values, so fixtures do not depend on an encoder. */
function bytes(...parts: Array<string | number[]>): Uint8Array {
  const out: number[] = [];
  for (const part of parts) {
    if (typeof part === 'string') out.push(...Buffer.from(part, 'latin1'));
    else out.push(...part);
  }
  return Uint8Array.from(out);
}

const POLISH = 'Zażółć gęślą jaźń';
// "Zażółć gęślą jaźń": ś, ą and ź sit at different code points in the two encodings.
const POLISH_ISO_8859_2 = bytes('Za', [0xbf, 0xf3, 0xb3, 0xe6], ' g', [0xea, 0xb6], 'l', [0xb1], ' ja', [0xbc, 0xf1]);
const POLISH_WINDOWS_1250 = bytes('Za', [0xbf, 0xf3, 0xb3, 0xe6], ' g', [0xea, 0x9c], 'l', [0xb9], ' ja', [0x9f, 0xf1]);

function page(head: string, body: Uint8Array): Uint8Array {
  return bytes(`<!doctype html><html><head>${head}</head><body><p>`, [...body], '</p></body></html>');
}

describe('decodeHtml', () => {
  it('decodes UTF-8 declared in the header', () => {
    const result = decodeHtml(Buffer.from(`<p>${POLISH} — 日本語</p>`), 'text/html; charset=utf-8');
    expect(result).toEqual({ html: `<p>${POLISH} — 日本語</p>`, charset: 'UTF-8' });
  });

  it('decodes UTF-8 declared only by <meta charset>', () => {
    const result = decodeHtml(Buffer.from(`<meta charset="utf-8"><p>${POLISH}</p>`));
    expect(result.charset).toBe('UTF-8');
    expect(result.html).toContain(POLISH);
  });

  it('lets a UTF-8 BOM win over a contradicting header and strips it', () => {
    const result = decodeHtml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`<p>${POLISH}</p>`)]), 'text/html; charset=iso-8859-2');
    expect(result).toEqual({ html: `<p>${POLISH}</p>`, charset: 'UTF-8' });
  });

  it('decodes UTF-16LE and UTF-16BE with a BOM', () => {
    const text = `<p>${POLISH}</p>`;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le.map((_, i) => le[i ^ 1]));
    expect(decodeHtml(le, 'text/html; charset=windows-1252')).toEqual({ html: text, charset: 'UTF-16LE' });
    expect(decodeHtml(be)).toEqual({ html: text, charset: 'UTF-16BE' });
  });

  it('decodes ISO-8859-2 declared only by <meta charset>', () => {
    const result = decodeHtml(page('<meta charset="iso-8859-2">', POLISH_ISO_8859_2), 'text/html');
    expect(result.charset).toBe('ISO-8859-2');
    expect(result.html).toContain(`<p>${POLISH}</p>`);
  });

  it('decodes windows-1250 declared by <meta http-equiv="Content-Type">', () => {
    const meta = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1250">';
    const result = decodeHtml(page(meta, POLISH_WINDOWS_1250));
    expect(result.charset).toBe('windows-1250');
    expect(result.html).toContain(`<p>${POLISH}</p>`);
  });

  it('decodes windows-1250 declared only in the HTTP header', () => {
    const result = decodeHtml(page('', POLISH_WINDOWS_1250), 'text/html; charset="Windows-1250"');
    expect(result.charset).toBe('windows-1250');
    expect(result.html).toContain(POLISH);
  });

  it('prefers the header over a contradicting <meta>', () => {
    const result = decodeHtml(page('<meta charset="iso-8859-2">', POLISH_WINDOWS_1250), 'text/html;charset=cp1250');
    expect(result.charset).toBe('windows-1250');
    expect(result.html).toContain(POLISH);
  });

  it('falls back to <meta> when the header names an unknown charset', () => {
    const result = decodeHtml(page('<meta charset="iso-8859-2">', POLISH_ISO_8859_2), 'text/html; charset=no-such-thing');
    expect(result.charset).toBe('ISO-8859-2');
    expect(result.html).toContain(POLISH);
  });

  it('decodes Shift_JIS and GBK', () => {
    const japanese = page('<meta charset="shift_jis">', bytes([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]));
    expect(decodeHtml(japanese)).toMatchObject({ charset: 'Shift_JIS', html: expect.stringContaining('<p>日本語</p>') });
    const chinese = page('', bytes([0xd6, 0xd0, 0xce, 0xc4]));
    expect(decodeHtml(chinese, 'text/html; charset=gb2312')).toMatchObject({
      charset: 'GBK',
      html: expect.stringContaining('<p>中文</p>'),
    });
  });

  it('defaults to windows-1252 when nothing declares a charset', () => {
    const result = decodeHtml(bytes('<p>caf', [0xe9], ' ', [0x80], '5</p>'));
    expect(result).toEqual({ html: '<p>café €5</p>', charset: 'windows-1252' });
  });

  it('honours a <meta charset> beyond the first 1024 bytes when nothing came before it, as browsers do', () => {
    const late = bytes(`<!-- ${'x'.repeat(1100)} -->`, '<meta charset="iso-8859-2"><p>', [0xb6], '</p>');
    expect(decodeHtml(late)).toMatchObject({ charset: 'ISO-8859-2', html: expect.stringContaining('<p>ś</p>') });
  });

  it('lets a header charset win over a late <meta>', () => {
    const late = bytes(`<!-- ${'x'.repeat(1100)} -->`, '<meta charset="iso-8859-2"><p>', [0xb6], '</p>');
    expect(decodeHtml(late, 'text/html; charset=windows-1250').charset).toBe('windows-1250');
  });

  it('takes undeclared bytes that are valid UTF-8 beyond ASCII for UTF-8', () => {
    const long = `<!doctype html><html><head><title>Für alle</title>${'<link rel="x">'.repeat(100)}</head><body><p>${POLISH}</p></body></html>`;
    expect(decodeHtml(Buffer.from(long, 'utf8'))).toMatchObject({ charset: 'UTF-8', html: expect.stringContaining(POLISH) });
  });

  it('keeps windows-1252 for undeclared bytes that are not valid UTF-8, or only ASCII', () => {
    expect(decodeHtml(bytes('<p>f', [0xfc], 'r alle</p>')).charset).toBe('windows-1252');
    expect(decodeHtml(bytes('<p>plain ASCII</p>')).charset).toBe('windows-1252');
  });

  it('looks for a late <meta> only so far: beyond 64 KiB, the bytes decide', () => {
    const veryLate = bytes(`<!-- ${'x'.repeat(70_000)} -->`, '<meta charset="iso-8859-2"><p>', [0xb6], '</p>');
    expect(decodeHtml(veryLate).charset).toBe('windows-1252');
  });

  it('treats a <meta> claiming UTF-16 on bytes without a BOM as UTF-8, as the spec says', () => {
    expect(decodeHtml(Buffer.from(`<meta charset="utf-16"><p>${POLISH}</p>`))).toMatchObject({
      charset: 'UTF-8',
      html: expect.stringContaining(POLISH),
    });
  });

  it('replaces malformed sequences instead of throwing', () => {
    const result = decodeHtml(bytes('<p>a', [0xff, 0xfe, 0xfd], 'b</p>'), 'text/html; charset=utf-8');
    expect(result.html).toBe('<p>a\uFFFD\uFFFD\uFFFDb</p>');
  });

  it('decodes empty input', () => {
    expect(decodeHtml(new Uint8Array(0))).toEqual({ html: '', charset: 'windows-1252' });
  });
});

describe('charsetOfContentType', () => {
  it.each([
    ['text/html; charset=UTF-8', 'UTF-8'],
    ['text/html;charset="iso-8859-2"', 'iso-8859-2'],
    ['  text/html ; Charset = windows-1250 ', undefined],
    ['text/html; CHARSET=windows-1250', 'windows-1250'],
    ['text/html', undefined],
    ['not a mime type', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j -> %j', (header, expected) => {
    expect(charsetOfContentType(header)).toBe(expected);
  });
});
