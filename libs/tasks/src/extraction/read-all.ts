import type { Readable } from 'node:stream';

/** A blob's bytes, for a page (bounded by TRAWL_MAX_PAGE_BYTES when it was stored). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
