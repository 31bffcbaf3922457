import sharp from 'sharp';
import { syntheticPhoto } from '../testing/synthetic-photos';
import { TooManyPixelsError, UndecodableImageError, renderVariant } from './render-variant';
import { resolveVariant } from './variant-spec';
import type { VariantRequest } from './variant-params';

const limits = { maxInputPixels: 100_000_000 };
jest.setTimeout(30_000);

async function render(source: Buffer, request: VariantRequest, contentType = 'image/jpeg') {
  const rendered = await renderVariant(source, resolveVariant(request, contentType), limits);
  const metadata = await sharp(rendered.data).metadata();
  return { ...rendered, metadata };
}

describe('renderVariant', () => {
  let photo: Buffer; // 320 x 240 JPEG

  beforeAll(async () => {
    photo = await syntheticPhoto('hills');
  });

  it('scales to a width or a height, keeping the aspect ratio (fit inside)', async () => {
    expect(await render(photo, { width: 160 })).toMatchObject({ width: 160, height: 120, metadata: { format: 'jpeg' } });
    expect(await render(photo, { height: 60 })).toMatchObject({ width: 80, height: 60 });
    expect(await render(photo, { width: 100, height: 100 })).toMatchObject({ width: 100, height: 75 });
  });

  it('fills the box with cover (cropped) and contain (letterboxed)', async () => {
    expect(await render(photo, { width: 100, height: 100, fit: 'cover' })).toMatchObject({ width: 100, height: 100 });
    expect(await render(photo, { width: 100, height: 100, fit: 'contain' })).toMatchObject({ width: 100, height: 100 });
  });

  it('never enlarges past the source', async () => {
    expect(await render(photo, { width: 1000 })).toMatchObject({ width: 320, height: 240 });
  });

  it.each(['jpeg', 'png', 'webp', 'avif'] as const)('encodes %s', async (format) => {
    const expected = format === 'avif' ? 'heif' : format;
    expect((await render(photo, { width: 64, format })).metadata.format).toBe(expected);
  });

  it('encodes smaller at a lower quality', async () => {
    const low = await render(photo, { format: 'webp', quality: 10 });
    const high = await render(photo, { format: 'webp', quality: 95 });
    expect(low.data.byteLength).toBeLessThan(high.data.byteLength);
  });

  it('applies the EXIF orientation, and strips metadata unless asked to keep it', async () => {
    // Stored landscape, 320 x 240, with "rotate 90° clockwise to view" (orientation 6): a portrait photo.
    const rotated = await sharp(photo).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    expect((await sharp(rotated).metadata()).orientation).toBe(6);
    const stripped = await render(rotated, { width: 120 });
    expect(stripped).toMatchObject({ width: 120, height: 160 });
    expect(stripped.metadata.orientation).toBeUndefined();
    expect(stripped.metadata.exif).toBeUndefined();
    const kept = await render(rotated, { width: 120, keepMetadata: true });
    expect(kept.metadata.exif).toBeDefined();
    expect(kept).toMatchObject({ width: 120, height: 160 });
  });

  it('refuses a source past the pixel limit, and bytes that do not decode', async () => {
    await expect(renderVariant(photo, resolveVariant({ width: 10 }, 'image/jpeg'), { maxInputPixels: 320 * 240 - 1 })).rejects.toBeInstanceOf(TooManyPixelsError);
    await expect(renderVariant(photo.subarray(0, 600), resolveVariant({ width: 10 }, 'image/jpeg'), limits)).rejects.toBeInstanceOf(UndecodableImageError);
    await expect(renderVariant(Buffer.from('<html>not an image</html>'), resolveVariant({ width: 10 }, 'image/png'), limits)).rejects.toBeInstanceOf(UndecodableImageError);
  });
});
