import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { pngChunk } from '../../../../test/support/hostile/png-bytes';
import sharp from 'sharp';
import { probeImage } from './probe-image';

const solid = () => sharp({ create: { width: 30, height: 20, channels: 3, background: '#3a7' } });
/** A 1x1 24-bit BMP, written out by hand: libvips cannot read BMP, so sharp cannot make one. */
const BMP = Buffer.from('Qk06AAAAAAAAADYAAAAoAAAAAQAAAAEAAAABABgAAAAAAAQAAAATCwAAEwsAAAAAAAAAAAAA/wAAAA==', 'base64');

describe('probeImage', () => {
  it.each([
    ['png', 'image/png', () => solid().png().toBuffer()],
    ['jpeg', 'image/jpeg', () => solid().jpeg().toBuffer()],
    ['gif', 'image/gif', () => solid().gif().toBuffer()],
    ['webp', 'image/webp', () => solid().webp().toBuffer()],
    ['avif', 'image/avif', () => solid().avif({ effort: 0 }).toBuffer()],
    ['tiff', 'image/tiff', () => solid().tiff().toBuffer()],
  ])('recognises %s by its bytes', async (format, contentType, make) => {
    expect(await probeImage(await make())).toEqual({ format, contentType, width: 30, height: 20 });
  });

  it('recognises SVG, with or without an XML declaration', async () => {
    const svg = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="12" height="8"><rect width="12" height="8"/></svg>';
    expect(await probeImage(Buffer.from(svg))).toEqual({ format: 'svg', contentType: 'image/svg+xml', width: 12, height: 8 });
    const viewBoxOnly = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"/>';
    expect(await probeImage(Buffer.from(viewBoxOnly))).toMatchObject({ format: 'svg', width: 40, height: 10 });
  });

  it('recognises BMP and ICO, which libvips cannot read, by their headers', async () => {
    expect(await probeImage(BMP)).toEqual({ format: 'bmp', contentType: 'image/bmp', width: 1, height: 1 });
    const png = await sharp({ create: { width: 16, height: 16, channels: 4, background: '#000' } }).png().toBuffer();
    const header = Buffer.from([0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0, 0, 0, 0, 22, 0, 0, 0]);
    header.writeUInt32LE(png.length, 14);
    expect(await probeImage(Buffer.concat([header, png]))).toEqual({ format: 'ico', contentType: 'image/x-icon', width: 16, height: 16 });
  });

  it('needs only the head of a file for raster formats', async () => {
    const large = await sharp({ create: { width: 900, height: 700, channels: 3, background: '#123' } }).png({ compressionLevel: 0 }).toBuffer();
    expect(await probeImage(large.subarray(0, 64))).toMatchObject({ format: 'png', width: 900, height: 700 });
  });

  it('reads GIF and WebP dimensions from the head alone, which libvips cannot', async () => {
    const noisy = () => sharp({ create: { width: 300, height: 200, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } } });
    for (const [format, bytes] of [['gif', await noisy().gif().toBuffer()], ['webp', await noisy().webp().toBuffer()]] as const) {
      expect(await probeImage(bytes.subarray(0, 4096))).toMatchObject({ format, width: 300, height: 200 });
    }
  });

  it('reports the dimensions a decompression bomb declares instead of refusing it', async () => {
    // A 100000 x 100000 RGB PNG header: ten gigapixels declared in a few dozen bytes.
    const ihdr = Buffer.from('000186a0000186a00802000000', 'hex');
    const bomb = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(Buffer.alloc(64))), pngChunk('IEND', Buffer.alloc(0))]);
    expect(await probeImage(bomb)).toEqual({ format: 'png', contentType: 'image/png', width: 100_000, height: 100_000 });
  });

  it('reads from a file path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'probe-'));
    try {
      await writeFile(join(dir, 'a.jpg'), await solid().jpeg().toBuffer());
      await writeFile(join(dir, 'b.bmp'), BMP);
      await writeFile(join(dir, 'c.png'), '<html>not an image</html>');
      expect(await probeImage(join(dir, 'a.jpg'))).toMatchObject({ format: 'jpeg', width: 30, height: 20 });
      expect(await probeImage(join(dir, 'b.bmp'))).toMatchObject({ format: 'bmp' });
      expect(await probeImage(join(dir, 'c.png'))).toBeNull();
      await expect(probeImage(join(dir, 'missing.png'))).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['an HTML page served as image/png', '<!doctype html><html><body><p>Not found</p></body></html>'],
    ['an HTML page with inline SVG', '<!doctype html><html><body><svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg></body></html>'],
    ['plain text', 'hello world, this is text'],
    ['JSON', '{"error": "not found"}'],
    ['nothing', ''],
    ['a PNG signature with nothing after it', '\x89PNG\r\n\x1a\n'],
  ])('returns null for %s', async (_what, content) => {
    expect(await probeImage(Buffer.from(content, 'latin1'))).toBeNull();
  });
});
