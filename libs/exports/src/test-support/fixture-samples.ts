import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ImageSample, PageTextSample } from '../sample';

const CHUNK = 16 * 1024;
const EXTENSIONS = ['jpg', 'png', 'webp'] as const;

/** 64 KiB of fixed pseudo-random bytes that every fixture image is cut from (memcpy-fast). */
const BASE = (() => {
  const base = Buffer.alloc(64 * 1024);
  let state = 2463534242;
  for (let i = 0; i < base.length; i += 4) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    base.writeUInt32LE(state >>> 0, i);
  }
  return base;
})();

/**
 * Deterministic bytes for image `index`, generated chunk by chunk so that a fixture of thousands of
 * images never exists in memory at once (the point of the memory tests). Each chunk is a window of
 * BASE stamped with the image's index and the chunk's number, so no two images are alike.
 */
export function* imageChunks(index: number, size: number): Generator<Buffer> {
  for (let offset = 0, part = 0; offset < size; offset += CHUNK, part += 1) {
    const length = Math.min(CHUNK, size - offset);
    const start = (index * 131 + part * 17) % (BASE.length - CHUNK);
    const chunk = Buffer.from(BASE.subarray(start, start + length));
    if (length >= 8) {
      chunk.writeUInt32LE(index, 0);
      chunk.writeUInt32LE(part, 4);
    }
    yield chunk;
  }
}

export function imageBytes(index: number, size: number): Buffer {
  return Buffer.concat([...imageChunks(index, size)]);
}

export function sha256Of(chunks: Iterable<Buffer>): string {
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
}

export interface FixtureOptions {
  count: number;
  /** Bytes of image `index` (default: 1–9 KiB, varying). */
  sizeOf?: (index: number) => number;
  /** Called before each sample is yielded (the memory tests sample the heap here). */
  onSample?: (index: number) => void;
}

/** The key fixture image `index` gets: has dots and a slash, as real ids and URLs may. */
export const fixtureKey = (index: number) => `img/${index}.v1`;
export const fixtureCaption = (index: number) => `a caption for image ${index} — “quoted”, ünïcödé`;
export const defaultSize = (index: number) => 1024 + ((index * 7919) % 8192);

export function fixtureImageSample(index: number, size: number): ImageSample {
  const sha256 = sha256Of(imageChunks(index, size));
  return {
    key: fixtureKey(index),
    caption: index % 5 === 0 ? undefined : fixtureCaption(index),
    image: { open: () => Readable.from(imageChunks(index, size)), ext: EXTENSIONS[index % 3], sha256, bytes: size },
    metadata: {
      sourceUrl: `http://127.0.0.1:8000/images/${index}.${EXTENSIONS[index % 3]}`,
      pageUrl: `http://127.0.0.1:8000/page/${index % 10}`,
      sha256,
      width: 100 + index,
      height: 50 + (index % 20),
      alt: `alt text ${index}`,
      caption: index % 2 === 0 ? fixtureCaption(index) : null,
      license: index % 3 === 0 ? 'CC-BY-4.0' : null,
      fetchedAt: new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString(),
      imageId: `image-${index}`,
    },
  };
}

export async function* fixtureImages(options: FixtureOptions): AsyncGenerator<ImageSample> {
  const sizeOf = options.sizeOf ?? defaultSize;
  for (let index = 0; index < options.count; index += 1) {
    options.onSample?.(index);
    yield fixtureImageSample(index, sizeOf(index));
  }
}

export const fixturePageText = (page: number) => `Page ${page}\n\nSome visible text of page ${page}. Ünïcödé ✓\n`.repeat(3);

export function fixturePageSample(page: number): PageTextSample {
  const body = Buffer.from(fixturePageText(page), 'utf8');
  return {
    key: `page/${page}`,
    text: { open: () => Readable.from([body]), sha256: sha256Of([body]), bytes: body.byteLength },
    metadata: { pageUrl: `http://127.0.0.1:8000/page/${page}`, sourceUrl: `http://127.0.0.1:8000/page/${page}`, fetchedAt: '2026-01-01T00:00:00.000Z' },
  };
}
