import type { Readable } from 'node:stream';

type Source = AsyncIterable<Uint8Array | string> | Readable;

/** The first bytes of a source, and whether they are all of it. */
export type SourceHead =
  | { complete: true; chunks: Uint8Array[] }
  /** `rest` yields the head's chunks again, then the remainder of the source. */
  | { complete: false; rest: AsyncIterable<Uint8Array> };

/**
 * Reads a source until it ends or more than `limit` bytes have come. A blob that fits is then known
 * whole before anything is uploaded: its address can be looked up first (see GridFsBlobStore.write).
 * Strings count as UTF-8, as BlobMeter counts them.
 */
export async function readSourceHead(source: Source, limit: number): Promise<SourceHead> {
  const iterator = (source as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size <= limit) {
    const next = await iterator.next();
    if (next.done) return { complete: true, chunks };
    const bytes = typeof next.value === 'string' ? Buffer.from(next.value, 'utf8') : next.value;
    chunks.push(bytes);
    size += bytes.byteLength;
  }
  return { complete: false, rest: continued(chunks, iterator) };
}

async function* continued(head: Uint8Array[], iterator: AsyncIterator<Uint8Array | string>): AsyncIterable<Uint8Array> {
  let finished = false;
  try {
    yield* head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      yield typeof next.value === 'string' ? Buffer.from(next.value, 'utf8') : next.value;
    }
    finished = true;
  } finally {
    // Left early (a limit, a failed upload): let the source clean up, as a for-await that breaks would.
    if (!finished) await iterator.return?.();
  }
}
