import { closeSync, fsync, openSync, writev } from 'node:fs';
import { promisify } from 'node:util';
import type { BlobMeter } from '../blob-address';

const writevAsync = promisify(writev);
const fsyncAsync = promisify(fsync);

/**
 * Streams a blob's chunks into a new file (`wx`: never an existing one), synced before it resolves.
 * The first `gatherBytes` are copied and gathered into one `writev`, so that a blob of a few tens of
 * kilobytes costs one write and one fsync on libuv's pool instead of a round trip per chunk plus an
 * open and a close; past them (a big blob), each chunk is written as it comes, uncopied, as before. Opening and closing are short metadata calls, made on this thread. Returns the whole blob's
 * bytes when it fitted in one gather (the caller may keep them: see RecentBlobs), else null. The
 * source's own errors pass through as they are; the file system's go through `fsError`.
 */
export async function writeBlobFile(
  source: AsyncIterable<Uint8Array | string>,
  path: string,
  meter: BlobMeter,
  gatherBytes: number,
  fsError: (error: unknown) => Error,
): Promise<Buffer | null> {
  const fs = <T>(call: () => T): T => {
    try {
      return call();
    } catch (error) {
      throw fsError(error);
    }
  };
  const fd = fs(() => openSync(path, 'wx'));
  let gathered: Buffer[] = [];
  let gatheredBytes = 0;
  let flushedAny = false;
  const flush = async (): Promise<void> => {
    if (gatheredBytes === 0) return;
    const chunks = gathered;
    gathered = [];
    gatheredBytes = 0;
    flushedAny = true;
    await writeAll(fd, chunks).catch((error: unknown) => {
      throw fsError(error);
    });
  };
  try {
    for await (const chunk of source) {
      const bytes = meter.add(chunk);
      if (bytes.byteLength === 0) continue;
      if (flushedAny) {
        // Past the first gather (a big blob): each chunk is written before the next is asked for, uncopied.
        await writeAll(fd, [Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]).catch((error: unknown) => {
          throw fsError(error);
        });
        continue;
      }
      // A copy: a source may reuse its buffer once the next chunk is asked for.
      gathered.push(Buffer.from(bytes));
      gatheredBytes += bytes.byteLength;
      if (gatheredBytes >= gatherBytes) await flush();
    }
    const whole = flushedAny ? null : Buffer.concat(gathered);
    await flush();
    await fsyncAsync(fd).catch((error: unknown) => {
      throw fsError(error);
    });
    return whole;
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
