import { crc32, deflateSync } from 'node:zlib';

/** Hand-made PNGs for hostile fixtures: no encoder involved, so sizes and headers are exactly as asked. */

const SIGNATURE = Buffer.from('89504e470d0a1a0a', 'hex');

/** One PNG chunk: length, type, data, CRC of type and data. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const frame = Buffer.alloc(4);
  frame.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([frame, typed, crc]);
}

function header(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([SIGNATURE, pngChunk('IHDR', ihdr)]);
}

export const PNG_END = pngChunk('IEND', Buffer.alloc(0));

/** The signature, IHDR and IDAT of a solid RGB image (every row: filter byte 0, then the pixels). */
export function pngStart(width: number, height: number, rgb: [number, number, number]): Buffer {
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x += 1) row.set(rgb, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([header(width, height), pngChunk('IDAT', deflateSync(raw))]);
}

/** A whole, valid solid PNG; `n` picks its colour, so each n has its own bytes. */
export function solidPng(n: number, size = 1): Buffer {
  return Buffer.concat([pngStart(size, size, [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff]), PNG_END]);
}

/**
 * A decompression bomb's header: it declares `width` x `height` pixels, and its IDAT holds one
 * compressed row of zeros. Tiny on the wire; decoding it would need width x height x 3 bytes.
 */
export function hugeDeclaredPng(width: number, height: number): Buffer {
  return Buffer.concat([header(width, height), pngChunk('IDAT', deflateSync(Buffer.alloc(1 + width * 3))), PNG_END]);
}

/** A private ancillary chunk (`trWl`: lower-case first letter = a decoder may skip it) of `bytes` bytes in all. */
export function fillerChunk(bytes: number): Buffer {
  return pngChunk('trWl', Buffer.alloc(Math.max(0, bytes - 12), 0x2e));
}
