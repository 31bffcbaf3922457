import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import sharp from 'sharp';
import { FileBlobStore, type BlobStore } from '@trawl/blob-store';
import { VariantStore, resolveVariant } from '@trawl/imaging';
import { makeThumbnails } from './make-thumbnails';

jest.setTimeout(30_000);

/** A 320×240 PNG with some structure, so that encoders have something to do. */
async function gradientPng(): Promise<Buffer> {
  const width = 320;
  const height = 240;
  const pixels = Buffer.alloc(width * height * 3);
  for (let at = 0; at < pixels.length; at += 3) {
    const x = (at / 3) % width;
    const y = Math.floor(at / 3 / width);
    pixels[at] = (x * 255) / width;
    pixels[at + 1] = (y * 255) / height;
    pixels[at + 2] = (x ^ y) & 0xff;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

const isWebp = (bytes: Buffer) => bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP';
const isPng = (bytes: Buffer) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

describe('makeThumbnails (real sharp, file blob store in a temp dir)', () => {
  let dir: string;
  let blobs: BlobStore;
  let variants: VariantStore;
  let source: { sha256: string; contentType: string };
  const read = async (sha256: string) => buffer(await blobs.read(sha256));

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trawl-thumbnails-'));
    blobs = await FileBlobStore.open(dir);
    variants = new VariantStore(blobs, { maxInputPixels: 100_000_000, maxOutputBytes: 10_000_000 });
    const info = await blobs.write(Readable.from([await gradientPng()]), { contentType: 'image/png' });
    source = { sha256: info.sha256, contentType: 'image/png' };
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('makes a webp thumbnail of a PNG when asked for one, and a PNG for a plain width', async () => {
    const [webp, png] = await makeThumbnails(variants, source, [{ width: 64, format: 'webp' }, { width: 64 }]);
    expect(webp).toEqual({ width: 64, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: expect.any(Number), contentType: 'image/webp', quality: 80 });
    const webpBytes = await read(webp.sha256);
    expect(isWebp(webpBytes)).toBe(true);
    expect(await sharp(webpBytes).metadata()).toMatchObject({ format: 'webp', width: 64, height: 48 });
    expect(webp.bytes).toBe(webpBytes.length);
    expect(createHash('sha256').update(webpBytes).digest('hex')).toBe(webp.sha256);

    // PNG is lossless: no quality is recorded, and the source's format is kept.
    expect(png).toEqual({ width: 64, sha256: expect.any(String), bytes: expect.any(Number), contentType: 'image/png' });
    const pngBytes = await read(png.sha256);
    expect(isPng(pngBytes)).toBe(true);
    expect(await sharp(pngBytes).metadata()).toMatchObject({ format: 'png', width: 64, height: 48 });
  });

  it('encodes at the quality asked for: a lower quality makes a smaller webp, recorded with it', async () => {
    const [high, low] = await makeThumbnails(variants, source, [{ width: 200, format: 'webp', quality: 95 }, { width: 200, format: 'webp', quality: 20 }]);
    expect([high.quality, low.quality]).toEqual([95, 20]);
    expect(low.bytes).toBeLessThan(high.bytes);
    expect(isWebp(await read(low.sha256))).toBe(true);
  });

  it('stores each thumbnail as the variant the image URL with width, format and quality resolves to', async () => {
    const [thumbnail] = await makeThumbnails(variants, source, [{ width: 96, format: 'avif', quality: 40 }]);
    expect(thumbnail.contentType).toBe('image/avif');
    // The GET's own resolution of `?width=96&format=avif&quality=40` finds this blob without rendering.
    const renders: unknown[] = [];
    const counting = new VariantStore(blobs, { maxInputPixels: 100_000_000, maxOutputBytes: 10_000_000 }, async (...args) => {
      renders.push(args);
      throw new Error('rendered again');
    });
    const served = await counting.variantOf(source.sha256, resolveVariant({ width: 96, format: 'avif', quality: 40 }, source.contentType));
    expect(served.sha256).toBe(thumbnail.sha256);
    expect(renders).toHaveLength(0);
    expect((await sharp(await read(served.sha256)).metadata()).format).toBe('heif');
  });

  it('leaves out a thumbnail it cannot render (past the output cap), and keeps the others', async () => {
    const capped = new VariantStore(blobs, { maxInputPixels: 100_000_000, maxOutputBytes: 4_000 });
    const made = await makeThumbnails(capped, source, [{ width: 300 }, { width: 16, format: 'webp' }]);
    expect(made).toEqual([expect.objectContaining({ width: 16, contentType: 'image/webp' })]);
    const garbage = await blobs.write(Readable.from([Buffer.from('not an image at all')]), { contentType: 'image/png' });
    expect(await makeThumbnails(variants, { sha256: garbage.sha256, contentType: 'image/png' }, [{ width: 64, format: 'webp' }])).toEqual([]);
  });
});
