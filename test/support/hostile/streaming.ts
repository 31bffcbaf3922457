import type { ServerResponse } from 'node:http';
import { once } from 'node:events';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';

/**
 * Writes the chunks `next` gives until it gives null or the client goes away, honouring
 * back-pressure: a server that sends "forever" still holds one chunk at a time.
 */
export async function pump(res: ServerResponse, next: () => Buffer | null): Promise<void> {
  res.on('error', () => undefined);
  for (let chunk = next(); chunk !== null; chunk = next()) {
    if (res.destroyed) return;
    if (!res.write(chunk)) await drainedOrClosed(res);
  }
  if (!res.destroyed) res.end();
}

/** Waits for 'drain' or 'close', whichever comes first, leaving no listener behind. */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** A body of `total` bytes made of one repeated chunk (the last one cut to size). */
export function repeated(chunk: Buffer, total: number): () => Buffer | null {
  let sent = 0;
  return () => {
    if (sent >= total) return null;
    const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
    sent += part.length;
    return part;
  };
}

const bombs = new Map<string, Promise<Buffer>>();

/** What a bomb inflates to: `prefix`, then `unit` over and over. */
export interface BombContent {
  name: string;
  prefix: Buffer;
  unit: Buffer;
}

export const HTML_BOMB: BombContent = {
  name: 'html',
  prefix: Buffer.from('<!doctype html><title>bomb</title><p>'),
  unit: Buffer.alloc(1024 * 1024, 0x61),
};

/**
 * `inflatedBytes` of `content` compressed with gzip or brotli: kilobytes on the wire. Compressed once
 * per process, a unit at a time, so the inflated form is never held.
 */
export function compressionBomb(encoding: 'gzip' | 'br', inflatedBytes: number, content: BombContent = HTML_BOMB): Promise<Buffer> {
  const key = `${encoding}:${inflatedBytes}:${content.name}`;
  let bomb = bombs.get(key);
  if (!bomb) {
    bomb = (async () => {
      // Brotli's default quality (11) would take minutes over 64 MiB; 4 still shrinks it to bytes.
      const compressor = encoding === 'gzip' ? createGzip() : createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
      const out: Buffer[] = [];
      compressor.on('data', (chunk: Buffer) => out.push(chunk));
      const done = once(compressor, 'end');
      compressor.write(content.prefix);
      for (let written = content.prefix.length; written < inflatedBytes; written += content.unit.length) {
        if (!compressor.write(content.unit)) await once(compressor, 'drain');
      }
      compressor.end();
      await done;
      return Buffer.concat(out);
    })();
    bombs.set(key, bomb);
  }
  return bomb;
}
