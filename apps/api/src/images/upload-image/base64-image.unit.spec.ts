import { decodeImageData } from './base64-image';

const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xfb, 0xff, 0x00, 0x10]);

describe('decodeImageData', () => {
  it('decodes plain base64, with or without padding, wrapped or not', () => {
    const plain = bytes.toString('base64');
    expect(decodeImageData(plain, 100)).toEqual({ ok: true, bytes });
    expect(decodeImageData(plain.replace(/=+$/, ''), 100)).toEqual({ ok: true, bytes });
    expect(decodeImageData(`${plain.slice(0, 4)}\r\n${plain.slice(4)}`, 100)).toEqual({ ok: true, bytes });
    expect(decodeImageData(bytes.toString('base64url'), 100)).toEqual({ ok: true, bytes });
  });

  it('decodes a base64 data URI', () => {
    expect(decodeImageData(`data:image/png;base64,${bytes.toString('base64')}`, 100)).toEqual({ ok: true, bytes });
    expect(decodeImageData(`data:image/png;name=a.png;base64,${bytes.toString('base64')}`, 100)).toEqual({ ok: true, bytes });
    expect(decodeImageData(`data:;base64,${bytes.toString('base64')}`, 100)).toEqual({ ok: true, bytes });
  });

  it.each([
    ['characters outside the alphabet', 'iVBO*w0K'],
    ['a non-base64 data URI', 'data:image/svg+xml,<svg/>'],
    ['padding in the middle', 'iV==BORw'],
    ['an impossible length', 'iVBOR'],
  ])('refuses %s', (_name, imageData) => {
    expect(decodeImageData(imageData, 100)).toMatchObject({ ok: false, code: 'invalid-base64' });
  });

  it('refuses more bytes than the limit before decoding', () => {
    expect(decodeImageData(bytes.toString('base64'), 7)).toMatchObject({ ok: false, code: 'image-too-large', detail: expect.stringContaining('8 bytes') });
    expect(decodeImageData(bytes.toString('base64'), 8)).toMatchObject({ ok: true });
  });

  it('decodes empty data to no bytes (judged later as an empty image)', () => {
    expect(decodeImageData('', 100)).toEqual({ ok: true, bytes: Buffer.alloc(0) });
  });
});
