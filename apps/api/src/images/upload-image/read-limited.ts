import type { Readable } from 'node:stream';

export type LimitedRead = { ok: true; bytes: Buffer } | { ok: false; reason: 'too-large' };

/**
 * Reads a stream into memory, stopping at `limit` bytes: past it, reading stops and the rest stays
 * unread (the caller answers 413 and drains or drops the connection). A source error rejects.
 */
export async function readLimited(source: Readable, limit: number): Promise<LimitedRead> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of source) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += bytes.byteLength;
    if (total > limit) return { ok: false, reason: 'too-large' };
    chunks.push(bytes);
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}
