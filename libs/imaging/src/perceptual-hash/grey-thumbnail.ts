/** Decoded 8-bit pixels, row by row, `channels` bytes each (1 grey, 2 grey + alpha, 3 RGB, 4 RGBA). */
export interface RawPixels {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/**
 * The picture as `side` × `side` grey samples: flattened onto white, made grey (Rec. 709 luma of the
 * encoded values), and shrunk (or stretched) to the square by area averaging: each sample is the mean
 * of the source area it covers, fractions of pixels weighted by how much of them it covers. Area
 * averaging is what a resize to a few pixels needs (no aliasing), and it is what sharp's pipeline
 * cost 3 ms of libvips set-up per small image to do; here it is one pass over the pixels. Pure.
 */
export function greyThumbnail(pixels: RawPixels, side: number): Uint8Array {
  const { width, height } = pixels;
  if (width < 1 || height < 1) throw new RangeError(`an image of ${width} x ${height} pixels has nothing to hash`);
  if (pixels.data.length < width * height * pixels.channels) throw new RangeError('fewer bytes than the image size says');
  const grey = greyOnWhite(pixels);
  const rows = resampleAxis(grey, width, height, side, true);
  const square = resampleAxis(rows, side, height, side, false);
  return Uint8Array.from(square, (value) => Math.min(255, Math.max(0, Math.round(value))));
}

function greyOnWhite({ data, width, height, channels }: RawPixels): Float64Array {
  const grey = new Float64Array(width * height);
  const hasAlpha = channels === 2 || channels === 4;
  for (let at = 0, byte = 0; at < grey.length; at += 1, byte += channels) {
    const luma = channels >= 3 ? 0.2126 * data[byte] + 0.7152 * data[byte + 1] + 0.0722 * data[byte + 2] : data[byte];
    const alpha = hasAlpha ? data[byte + channels - 1] / 255 : 1;
    grey[at] = luma * alpha + 255 * (1 - alpha);
  }
  return grey;
}

/**
 * Resamples one axis of a `width` × `height` grid to `target` samples by area averaging: along x
 * (`horizontal`, giving target × height) or along y (giving width × target).
 */
function resampleAxis(source: Float64Array, width: number, height: number, target: number, horizontal: boolean): Float64Array {
  const length = horizontal ? width : height;
  const lines = horizontal ? height : width;
  const out = new Float64Array(horizontal ? target * height : width * target);
  const scale = length / target;
  for (let t = 0; t < target; t += 1) {
    const start = t * scale;
    const end = start + scale;
    const first = Math.floor(start);
    const last = Math.min(length - 1, Math.ceil(end) - 1);
    for (let line = 0; line < lines; line += 1) {
      let sum = 0;
      for (let s = first; s <= last; s += 1) {
        const covered = Math.min(end, s + 1) - Math.max(start, s);
        if (covered <= 0) continue;
        sum += covered * source[horizontal ? line * width + s : s * width + line];
      }
      out[horizontal ? line * target + t : t * width + line] = sum / scale;
    }
  }
  return out;
}
