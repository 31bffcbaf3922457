import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Yields `bytes` in pieces of `pieceSize` (to show the address does not depend on chunking). */
export async function* inPieces(bytes: Uint8Array, pieceSize: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += pieceSize) {
    yield bytes.subarray(offset, Math.min(offset + pieceSize, bytes.byteLength));
  }
}

/** Yields the pieces, then fails: a source that breaks mid-stream. */
export async function* failingAfter(bytes: Uint8Array, error: Error): AsyncGenerator<Uint8Array> {
  yield* inPieces(bytes, 4096);
  throw error;
}

/** Reads a (small) stream whole: for assertions only. */
export async function readAll(stream: Readable): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of stream) pieces.push(Buffer.from(piece as Uint8Array));
  return Buffer.concat(pieces);
}

/** Consumes a stream without keeping it: its size and hash. */
export async function digestStream(stream: Readable, onChunk?: () => void): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const piece of stream) {
    hash.update(piece as Uint8Array);
    bytes += (piece as Uint8Array).byteLength;
    onChunk?.();
  }
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * A large random body generated on the fly; its sha256 is known once the generator is drained.
 * Memory stays at one 64 KiB piece.
 */
export class GeneratedBody {
  private readonly hash = createHash('sha256');
  private digest?: string;

  constructor(
    readonly size: number,
    private readonly onChunk?: () => void,
  ) {}

  async *stream(): AsyncGenerator<Uint8Array> {
    const pieceSize = 64 * 1024;
    for (let sent = 0; sent < this.size; sent += pieceSize) {
      const piece = randomBytes(Math.min(pieceSize, this.size - sent));
      this.hash.update(piece);
      this.onChunk?.();
      yield piece;
    }
    this.digest = this.hash.digest('hex');
  }

  get sha256(): string {
    if (!this.digest) throw new Error('the body has not been fully generated');
    return this.digest;
  }
}

/**
 * Tracks the peak of live memory (JS heap plus ArrayBuffers) above a baseline. Buffers live outside
 * the JS heap (in `arrayBuffers`), so a store that held a blob as Buffers shows there, not in
 * heapUsed. Garbage is collected before each sample, so what remains is what the code still holds.
 */
export class MemoryPeak {
  private readonly gc = exposeGc();
  private readonly baseline: number;
  private peakAbove = 0;
  private calls = 0;

  constructor(private readonly every = 64) {
    this.baseline = this.live();
  }

  /** Call per chunk: samples (with a full GC) every `every`-th call. */
  sample(): void {
    this.calls += 1;
    if (this.calls % this.every === 0) this.peakAbove = Math.max(this.peakAbove, this.live() - this.baseline);
  }

  get peakBytes(): number {
    return this.peakAbove;
  }

  private live(): number {
    this.gc();
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  }
}

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as unknown;
  if (typeof gc !== 'function') throw new Error('could not expose the garbage collector');
  return gc as () => void;
}
