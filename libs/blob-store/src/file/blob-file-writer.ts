import { closeSync, fsync, writev } from 'node:fs';
import { promisify } from 'node:util';
import type { BlobMeter } from '../blob-address';

const writevAsync = promisify(writev);
const fsyncAsync = promisify(fsync);

type Chunk = Uint8Array | string;

/** A blob's first bytes: the whole of it when it ended within them, else its head and what is left to read. */
export type BlobHead = { whole: Buffer } | { whole: null; head: Buffer[]; rest: AsyncIterator<Chunk> };

/**
 * Reads a blob until it ends or `gatherBytes` are in hand, metering (hashing) every chunk. A blob that
 * ends within them is known whole, and its address, before any file is made: the store looks it up
 * and writes nothing when the bytes are already stored (the same page or image under another URL),
 * where a temp file would have been written, fsynced and then unlinked. Chunks are copied: a source
 * may reuse its buffer once the next chunk is asked for.
 */
export async function readBlobHead(source: AsyncIterator<Chunk>, meter: BlobMeter, gatherBytes: number): Promise<BlobHead> {
  const head: Buffer[] = [];
  let headBytes = 0;
  while (headBytes < gatherBytes) {
    const next = await source.next();
    if (next.done) return { whole: Buffer.concat(head) };
    const bytes = meter.add(next.value);
    if (bytes.byteLength === 0) continue;
    head.push(Buffer.from(bytes));
    headBytes += bytes.byteLength;
  }
  return { whole: null, head, rest: source };
}

/**
 * Writes into a new, empty file open at `fd` (see TempFileReserve), synced before it resolves: the
 * head in one gathered `writev`, then each chunk of the rest (a big blob) as it comes, uncopied, before
 * the next is asked for. So a blob of a few tens of kilobytes costs one write and one fsync on libuv's
 * pool instead of a round trip per chunk. Closing is a short call, made on this thread, and always
 * done here. The source's own errors pass through as they are; the file system's go through
 * `fsError`. Resolves to whether the file was kept (and synced).
 */
export async function writeBlobFile(
  fd: number,
  head: Buffer[],
  rest: AsyncIterator<Chunk> | null,
  meter: BlobMeter,
  fsError: (error: unknown) => Error,
  /** Asked once every byte is written: false spares the fsync of a file about to be dropped (its bytes are stored already). */
  keep: () => boolean = () => true,
): Promise<boolean> {
  const onFs = (error: unknown): never => {
    throw fsError(error);
  };
  try {
    if (head.length > 0) await writeAll(fd, head).catch(onFs);
    for (let next = await rest?.next(); next && !next.done; next = await rest!.next()) {
      const bytes = meter.add(next.value);
      if (bytes.byteLength > 0) await writeAll(fd, [Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]).catch(onFs);
    }
    if (!keep()) return false;
    await fsyncAsync(fd).catch(onFs);
    return true;
  } finally {
    closeSync(fd);
  }
}

/** writev may write less than asked (a full disk is reported by the next call): it goes on until all is written. */
async function writeAll(fd: number, chunks: Buffer[]): Promise<void> {
  let pending = chunks;
  while (pending.length > 0) {
    let { bytesWritten: written } = await writevAsync(fd, pending);
    const rest: Buffer[] = [];
    for (const chunk of pending) {
      if (written >= chunk.length) {
        written -= chunk.length;
      } else {
        rest.push(written > 0 ? chunk.subarray(written) : chunk);
        written = 0;
      }
    }
    pending = rest;
  }
}
