import { decodeDataUri } from './data-uri';

describe('decodeDataUri', () => {
  it('decodes base64', () => {
    expect(decodeDataUri('data:image/png;base64,iVBORw0KGgo=')).toEqual({
      contentType: 'image/png',
      bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    });
  });

  it('forgives whitespace, missing padding and the letter case of "base64"', () => {
    expect(decodeDataUri(' data:image/gif;BASE64,R0lG\nOD lh ')?.bytes.toString('latin1')).toBe('GIF89a');
    expect(decodeDataUri('data:image/gif;base64,R0lGODlhAA')?.bytes.toString('latin1')).toBe('GIF89a\u0000');
  });

  it('decodes percent-encoding, keeping a stray % as it is', () => {
    const result = decodeDataUri("data:image/svg+xml;charset=utf-8,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E 100%");
    expect(result?.contentType).toBe('image/svg+xml;charset=utf-8');
    expect(result?.bytes.toString('utf8')).toBe("<svg xmlns='http://www.w3.org/2000/svg'/> 100%");
  });

  it('percent-decodes before base64-decoding', () => {
    expect(decodeDataUri('data:text/plain;base64,aGk%3D')?.bytes.toString()).toBe('hi');
  });

  it('drops the fragment, as the URL parser does', () => {
    expect(decodeDataUri('data:text/plain,a#b')?.bytes.toString()).toBe('a');
  });

  it('defaults the type, and normalises it', () => {
    expect(decodeDataUri('data:,hello')).toEqual({ contentType: 'text/plain;charset=US-ASCII', bytes: Buffer.from('hello') });
    expect(decodeDataUri('data:;charset=utf-8,x')?.contentType).toBe('text/plain;charset=utf-8');
    expect(decodeDataUri('data:Image/PNG ;base64,AA==')?.contentType).toBe('image/png');
    expect(decodeDataUri('data:not a type,x')?.contentType).toBe('text/plain;charset=US-ASCII');
  });

  it('returns null for what is not a valid data: URI', () => {
    expect(decodeDataUri('https://example.invalid/a.png')).toBeNull();
    expect(decodeDataUri('data:image/png;base64')).toBeNull();
    expect(decodeDataUri('data:image/png;base64,a')).toBeNull();
    expect(decodeDataUri('data:image/png;base64,!!!!')).toBeNull();
  });
});
