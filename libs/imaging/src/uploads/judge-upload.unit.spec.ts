import sharp from 'sharp';
import { syntheticPhoto } from '../testing/synthetic-photos';
import { judgeUpload } from './judge-upload';

const limits = { maxPixels: 100_000_000 };
jest.setTimeout(30_000);

describe('judgeUpload', () => {
  let jpeg: Buffer;
  let png: Buffer;
  beforeAll(async () => {
    jpeg = await syntheticPhoto('stripes');
    png = await sharp(jpeg).png().toBuffer();
  });

  it('accepts a whole image and says what it is', async () => {
    expect(await judgeUpload(jpeg, limits)).toEqual({ ok: true, probe: { format: 'jpeg', contentType: 'image/jpeg', width: 320, height: 240 } });
    expect(await judgeUpload(png, limits)).toMatchObject({ ok: true, probe: { format: 'png' } });
  });

  it.each([
    ['empty', () => Buffer.alloc(0), 'empty-image'],
    ['HTML', () => Buffer.from('<!doctype html><title>x</title>'), 'not-an-image'],
    ['text', () => Buffer.from('just some words'), 'not-an-image'],
    ['a cut-off JPEG', () => jpeg.subarray(0, jpeg.length - 2000), 'image-truncated'],
    ['a cut-off PNG', () => png.subarray(0, png.length - 100), 'image-truncated'],
  ])('refuses %s', async (_name, bytes, code) => {
    expect(await judgeUpload(bytes(), limits)).toMatchObject({ ok: false, code, detail: expect.any(String) });
  });

  it('refuses a PNG whose pixel data is garbage but whose end is intact', async () => {
    const corrupt = Buffer.from(png);
    // Overwrite the middle of the compressed IDAT data; the IEND chunk at the end stays whole.
    corrupt.fill(0x55, 200, corrupt.length - 200);
    expect(await judgeUpload(corrupt, limits)).toMatchObject({ ok: false, code: 'image-corrupt' });
  });

  it('refuses more pixels than the limit without decoding them', async () => {
    expect(await judgeUpload(jpeg, { maxPixels: 320 * 240 - 1 })).toMatchObject({ ok: false, code: 'image-too-many-pixels', detail: expect.stringContaining('320 x 240') });
  });
});
