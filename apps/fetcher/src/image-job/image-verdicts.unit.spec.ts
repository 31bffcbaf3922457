import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { BlobStore } from '@trawl/blob-store';
import { ContentRejectedError } from '../failures';
import { TailCapture, probeImageHead } from './image-verdicts';
import { storeInlineImage } from '../page-job/inline-images';
import { pngChunk as chunk } from '../../../../test/support/hostile/png-bytes';

/** An RGB PNG declaring width x height, with `rows` rows of (black) image data. */
function png(width: number, height: number, rows = height): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const data = deflateSync(Buffer.alloc(rows * (1 + width * 3)));
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', data), chunk('IEND', Buffer.alloc(0))]);
}

/** Records writes; nothing else of the port is used by inline images. */
function memoryBlobs(): BlobStore & { written: number } {
  const store = {
    written: 0,
    async write(source: AsyncIterable<Uint8Array>) {
      const chunks: Buffer[] = [];
      for await (const part of source) chunks.push(Buffer.from(part));
      const bytes = Buffer.concat(chunks);
      store.written += 1;
      return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
    },
  };
  return store as unknown as BlobStore & { written: number };
}

const inline = (bytes: Buffer) => `data:image/png;base64,${bytes.toString('base64')}`;
const now = new Date('2026-01-01T00:00:00Z');

describe('image verdicts', () => {
  it('refuses a head that is not an image, and one declaring more pixels than the limit, before any decode', async () => {
    await expect(probeImageHead(Buffer.from('<!doctype html><p>nope'), 1e8)).rejects.toMatchObject({ code: 'not-an-image' });
    const bomb = png(100_000, 100_000, 1);
    await expect(probeImageHead(bomb, 1e8)).rejects.toBeInstanceOf(ContentRejectedError);
    await expect(probeImageHead(bomb, 1e8)).rejects.toMatchObject({ code: 'image-too-many-pixels', message: expect.stringContaining('100000 x 100000') });
    await expect(probeImageHead(png(10, 10), 100)).resolves.toMatchObject({ width: 10, height: 10 });
    await expect(probeImageHead(png(10, 11), 100)).rejects.toMatchObject({ code: 'image-too-many-pixels' });
  });

  it('keeps the last bytes of a stream across chunks of any size', async () => {
    const capture = new TailCapture();
    const parts = [Buffer.from('abc'), Buffer.from('defghijklmnopqrstuvwxyz'), Buffer.from('0'), Buffer.from('12')];
    const passed: Buffer[] = [];
    for await (const part of capture.tap((async function* () { yield* parts; })())) passed.push(part);
    expect(Buffer.concat(passed).toString()).toBe('abcdefghijklmnopqrstuvwxyz012');
    expect(capture.bytes().toString()).toBe('lmnopqrstuvwxyz012'.slice(-16));
  });

  it('gives inline images the same limits and checks as fetched ones', async () => {
    const blobs = memoryBlobs();
    const ids = { taskId: 't', imageId: 'i' };
    const store = (bytes: Buffer, limits = { maxBytes: 1e6, maxPixels: 1e8 }) => storeInlineImage({ ...ids, dataUri: inline(bytes), ...limits }, blobs, now);
    expect((await store(png(4, 4))).outcome).toMatchObject({ type: 'ImageStored', data: { width: 4, height: 4 } });
    expect((await store(png(100_000, 100_000, 1))).outcome).toMatchObject({ type: 'ImageFailed', data: { error: { code: 'image-too-many-pixels' } } });
    expect((await store(png(64, 64).subarray(0, 60))).outcome).toMatchObject({ type: 'ImageFailed', data: { error: { code: 'truncated-image' } } });
    expect((await store(png(4, 4), { maxBytes: 10, maxPixels: 1e8 })).outcome).toMatchObject({ type: 'ImageFailed', data: { error: { code: 'image-too-large' } } });
    expect(blobs.written).toBe(1);
  });
});
