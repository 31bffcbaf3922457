import sharp from 'sharp';
import { END_MARKER_TAIL_BYTES } from './end-marker';
import { DECODE_CHECK_MAX_BYTES, checkImageIntegrity } from './image-integrity';
import { probeImage } from './probe-image';

const MAX_PIXELS = 100_000_000;
const noisy = () => sharp({ create: { width: 120, height: 80, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } });
/** A 2x1 24-bit BMP written by hand (libvips cannot write BMP): 62 bytes, bfSize 62. */
const BMP = Buffer.from('Qk0+AAAAAAAAADYAAAAoAAAAAgAAAAEAAAABABgAAAAAAAgAAAATCwAAEwsAAAAAAAAAAAAA/wAAAP8AAAAAAA==', 'base64');

/** Runs the check the way the fetcher does: head and tail captured while streaming. */
async function integrityOf(bytes: Buffer, options: { readAll?: () => Promise<Buffer>; head?: Buffer } = {}) {
  const head = options.head ?? bytes.subarray(0, 64 * 1024);
  const probe = await probeImage(head);
  if (!probe) throw new Error('the test image does not probe');
  const tail = bytes.subarray(Math.max(0, bytes.length - END_MARKER_TAIL_BYTES));
  return checkImageIntegrity({ probe, head, tail, bytes: bytes.length, readAll: options.readAll ?? (async () => bytes) }, MAX_PIXELS);
}

const formats = [
  ['png', () => noisy().png().toBuffer()],
  ['jpeg', () => noisy().jpeg().toBuffer()],
  ['gif', () => noisy().gif().toBuffer()],
  ['webp', () => noisy().webp().toBuffer()],
] as const;

describe('checkImageIntegrity', () => {
  it.each(formats)('accepts a whole %s without decoding it', async (_format, make) => {
    const bytes = await make();
    const readAll = jest.fn(async () => bytes);
    expect(await integrityOf(bytes, { readAll })).toBe('complete');
    expect(readAll).not.toHaveBeenCalled();
  });

  it.each(formats)('finds a %s cut short', async (_format, make) => {
    const bytes = await make();
    expect(await integrityOf(bytes.subarray(0, Math.floor(bytes.length * 0.7)))).toBe('truncated');
  });

  it.each([
    ['avif', () => noisy().avif({ effort: 0 }).toBuffer()],
    ['tiff', () => noisy().tiff().toBuffer()],
  ] as const)('decodes a %s, which has no end marker, to judge it', async (_format, make) => {
    const bytes = await make();
    const readAll = jest.fn(async () => bytes);
    expect(await integrityOf(bytes, { readAll })).toBe('complete');
    expect(readAll).toHaveBeenCalledTimes(1);
  });

  it('calls an AVIF that does not decode corrupt', async () => {
    const bytes = await noisy().avif({ effort: 0 }).toBuffer();
    const cut = bytes.subarray(0, Math.floor(bytes.length * 0.7));
    expect(await integrityOf(cut)).toBe('corrupt');
  });

  it('keeps a JPEG with bytes after its end marker, once the decoder says it is whole', async () => {
    const jpeg = await noisy().jpeg().toBuffer();
    expect(await integrityOf(Buffer.concat([jpeg, Buffer.alloc(3000, 0x20)]))).toBe('complete');
  });

  it('calls a large file without its end marker truncated without reading it back', async () => {
    const png = await noisy().png().toBuffer();
    const cut = png.subarray(0, png.length - 100);
    const readAll = jest.fn(async () => cut);
    const probe = (await probeImage(cut))!;
    const tail = cut.subarray(cut.length - END_MARKER_TAIL_BYTES);
    const verdict = await checkImageIntegrity({ probe, head: cut, tail, bytes: DECODE_CHECK_MAX_BYTES + 1, readAll }, MAX_PIXELS);
    expect(verdict).toBe('truncated');
    expect(readAll).not.toHaveBeenCalled();
  });

  it('judges BMP by the size its header declares', async () => {
    expect(await integrityOf(BMP)).toBe('complete');
    expect(await integrityOf(BMP.subarray(0, 58))).toBe('truncated');
  });

  it('judges ICO by the sizes and offsets of its directory', async () => {
    const png = await sharp({ create: { width: 16, height: 16, channels: 4, background: '#000' } }).png().toBuffer();
    const header = Buffer.from([0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0, 0, 0, 0, 22, 0, 0, 0]);
    header.writeUInt32LE(png.length, 14);
    const ico = Buffer.concat([header, png]);
    expect(await integrityOf(ico)).toBe('complete');
    expect(await integrityOf(ico.subarray(0, ico.length - 10))).toBe('truncated');
  });
});
