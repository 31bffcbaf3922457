import { greyThumbnail, type RawPixels } from './grey-thumbnail';

describe('greyThumbnail', () => {
  it('averages the area each sample covers, whole pixels and fractions of them', () => {
    // 4 x 1 grey to 2 x 1: pairs averaged; 3 x 1 to 2 x 1: the middle pixel split in half.
    expect([...greyThumbnail({ data: Uint8Array.from([0, 100, 200, 255]), width: 4, height: 1, channels: 1 }, 2)].slice(0, 2)).toEqual([50, 228]);
    const third = greyThumbnail({ data: Uint8Array.from([0, 90, 180]), width: 3, height: 1, channels: 1 }, 2);
    expect([third[0], third[1]]).toEqual([30, 150]);
    // 2 x 2 to 4 x 4: each pixel stretched over a 2 x 2 block.
    expect([...greyThumbnail({ data: Uint8Array.from([10, 20, 30, 40]), width: 2, height: 2, channels: 1 }, 4)]).toEqual([
      10, 10, 20, 20, 10, 10, 20, 20, 30, 30, 40, 40, 30, 30, 40, 40,
    ]);
  });

  it('makes colour grey by Rec. 709 luma and flattens transparency onto white', () => {
    const rgb = greyThumbnail({ data: Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]), width: 2, height: 2, channels: 3 }, 2);
    expect([...rgb]).toEqual([54, 182, 18, 255]);
    const rgba = greyThumbnail({ data: Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 128, 255, 255, 255, 128]), width: 2, height: 2, channels: 4 }, 2);
    expect([...rgba]).toEqual([255, 0, 127, 255]);
    const greyAlpha = greyThumbnail({ data: Uint8Array.from([100, 255, 100, 0]), width: 2, height: 1, channels: 2 }, 2);
    expect([greyAlpha[0], greyAlpha[1]]).toEqual([100, 255]);
  });

  it('refuses an empty image or fewer bytes than its size says', () => {
    expect(() => greyThumbnail({ data: new Uint8Array(0), width: 0, height: 1, channels: 1 }, 32)).toThrow(RangeError);
    expect(() => greyThumbnail({ data: new Uint8Array(5), width: 3, height: 2, channels: 1 }, 32)).toThrow(RangeError);
  });

  it('gives, bit for bit, the plain definition (grey per pixel, then area means along x, then y) on odd sizes and every layout', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    const shapes: Array<[number, number, RawPixels['channels']]> = [[37, 91, 4], [5, 3, 1], [300, 200, 2], [513, 17, 3], [31, 33, 4], [1, 1, 3], [64, 64, 1], [1000, 7, 3]];
    for (const [width, height, channels] of shapes) {
      const pixels: RawPixels = { data: Uint8Array.from({ length: width * height * channels }, next), width, height, channels };
      expect({ width, height, channels, thumbnail: [...greyThumbnail(pixels, 32)] }).toEqual({ width, height, channels, thumbnail: [...plainDefinition(pixels, 32)] });
    }
  });
});

/** The thumbnail as first written: a grey copy of the picture, then each axis resampled by its definition. */
function plainDefinition({ data, width, height, channels }: RawPixels, side: number): Uint8Array {
  const hasAlpha = channels === 2 || channels === 4;
  const grey = new Float64Array(width * height);
  for (let at = 0, byte = 0; at < grey.length; at += 1, byte += channels) {
    const luma = channels >= 3 ? 0.2126 * data[byte] + 0.7152 * data[byte + 1] + 0.0722 * data[byte + 2] : data[byte];
    const alpha = hasAlpha ? data[byte + channels - 1] / 255 : 1;
    grey[at] = luma * alpha + 255 * (1 - alpha);
  }
  const resample = (source: Float64Array, w: number, h: number, horizontal: boolean): Float64Array => {
    const length = horizontal ? w : h;
    const lines = horizontal ? h : w;
    const out = new Float64Array(horizontal ? side * h : w * side);
    const scale = length / side;
    for (let t = 0; t < side; t += 1) {
      const start = t * scale;
      const end = start + scale;
      for (let line = 0; line < lines; line += 1) {
        let sum = 0;
        for (let s = Math.floor(start); s <= Math.min(length - 1, Math.ceil(end) - 1); s += 1) {
          const covered = Math.min(end, s + 1) - Math.max(start, s);
          if (covered > 0) sum += covered * source[horizontal ? line * w + s : s * w + line];
        }
        out[horizontal ? line * side + t : t * w + line] = sum / scale;
      }
    }
    return out;
  };
  const square = resample(resample(grey, width, height, true), side, height, false);
  return Uint8Array.from(square, (value) => Math.min(255, Math.max(0, Math.round(value))));
}
