import sharp from 'sharp';
import { syntheticPhoto, type Scene } from '../testing/synthetic-photos';
import { DEFAULT_NEAR_DUPLICATE_DISTANCE, hammingDistance, isNearDuplicate, perceptualHash, perceptualHashOfGreyPixels } from './perceptual-hash';

const limits = { maxInputPixels: 100_000_000 };
const SCENES: Scene[] = ['hills', 'sun', 'stripes', 'shapes'];
jest.setTimeout(30_000);

describe('perceptualHash', () => {
  it('hashes the structure of 32 x 32 grey pixels, not their brightness', () => {
    const wave = (x: number, y: number) => 120 + 40 * Math.sin(x / 5) + 30 * Math.cos(y / 7) + 20 * Math.sin((x + 2 * y) / 3);
    const pattern = Uint8Array.from({ length: 1024 }, (_, at) => Math.round(wave(at % 32, Math.floor(at / 32))));
    const dimmer = Uint8Array.from(pattern, (value) => value - 25);
    const inverted = Uint8Array.from(pattern, (value) => 250 - value);
    expect(perceptualHashOfGreyPixels(pattern)).toMatch(/^[0-9a-f]{16}$/);
    expect(perceptualHashOfGreyPixels(dimmer)).toBe(perceptualHashOfGreyPixels(pattern));
    expect(hammingDistance(perceptualHashOfGreyPixels(pattern), perceptualHashOfGreyPixels(inverted))).toBeGreaterThan(32);
    expect(() => perceptualHashOfGreyPixels(new Uint8Array(72))).toThrow(RangeError);
  });

  it('counts differing bits', () => {
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(hammingDistance('0123456789abcdef', '0123456789abcdef')).toBe(0);
    expect(() => hammingDistance('xyz', '0000000000000000')).toThrow(RangeError);
  });

  it('keeps a re-encoded and a resized copy of each photo within the default threshold', async () => {
    const distances: Record<string, number[]> = {};
    for (const scene of SCENES) {
      const original = await syntheticPhoto(scene);
      const reencoded = await sharp(original).jpeg({ quality: 35 }).toBuffer();
      const resized = await sharp(original).resize(160).webp({ quality: 70 }).toBuffer();
      const hash = await perceptualHash(original, limits);
      distances[scene] = [hammingDistance(hash, await perceptualHash(reencoded, limits)), hammingDistance(hash, await perceptualHash(resized, limits))];
    }
    for (const scene of SCENES) {
      expect({ scene, near: distances[scene].every((distance) => distance <= DEFAULT_NEAR_DUPLICATE_DISTANCE) }).toEqual({ scene, near: true });
    }
  });

  it('tells different photos apart', async () => {
    const hashes = await Promise.all(SCENES.map(async (scene) => perceptualHash(await syntheticPhoto(scene), limits)));
    for (let a = 0; a < SCENES.length; a += 1) {
      for (let b = a + 1; b < SCENES.length; b += 1) {
        const pair = `${SCENES[a]}/${SCENES[b]}`;
        expect({ pair, distance: hammingDistance(hashes[a], hashes[b]) }).toEqual({ pair, distance: expect.any(Number) });
        expect({ pair, near: isNearDuplicate(hashes[a], hashes[b]) }).toEqual({ pair, near: false });
      }
    }
  });

  it('hashes a large image (shrunk by libvips) and a small copy of it (shrunk here) alike, and turns an EXIF-rotated one upright', async () => {
    for (const scene of SCENES) {
      // 640 x 480 is past SMALL_IMAGE_PIXELS (512 x 512): the pipeline's path.
      const large = await syntheticPhoto(scene, { width: 640, height: 480 });
      const small = await sharp(large).resize(320).png().toBuffer();
      const distance = hammingDistance(await perceptualHash(large, limits), await perceptualHash(small, limits));
      expect({ scene, near: distance <= DEFAULT_NEAR_DUPLICATE_DISTANCE }).toEqual({ scene, near: true });
    }
    const upright = await syntheticPhoto('hills');
    // Stored turned a quarter left, with EXIF orientation 6 (rotate 90° clockwise to view).
    const stored = await sharp(upright).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 92 }).toBuffer();
    expect(hammingDistance(await perceptualHash(upright, limits), await perceptualHash(stored, limits))).toBeLessThanOrEqual(DEFAULT_NEAR_DUPLICATE_DISTANCE);
  }, 120_000);

  it('flattens a transparent small image onto white before hashing', async () => {
    const opaque = await sharp(await syntheticPhoto('shapes')).png().toBuffer();
    const { data, info } = await sharp(opaque).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    // The left half fully transparent: it must hash as white there, whatever colour its pixels hold.
    for (let y = 0; y < info.height; y += 1) for (let x = 0; x < info.width / 2; x += 1) data[(y * info.width + x) * 4 + 3] = 0;
    const halfClear = await sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } }).png().toBuffer();
    for (let y = 0; y < info.height; y += 1) for (let x = 0; x < info.width / 2; x += 1) data.fill(255, (y * info.width + x) * 4, (y * info.width + x) * 4 + 4);
    const halfWhite = await sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } }).png().toBuffer();
    expect(await perceptualHash(halfClear, limits)).toBe(await perceptualHash(halfWhite, limits));
  });

  it('refuses an image past the pixel limit', async () => {
    await expect(perceptualHash(await syntheticPhoto('sun'), { maxInputPixels: 1000 })).rejects.toThrow(/pixel limit/i);
  });
});
