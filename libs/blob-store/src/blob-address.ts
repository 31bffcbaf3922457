import { createHash, type Hash } from 'node:crypto';
import { TooLargeError } from '@trawl/errors';
import type { ByteRange } from './blob-store.port';
import { RangeNotSatisfiableError } from './blob-store.errors';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * True for a well-formed address (64 lower-case hex digits). Adapters check it before the address
 * reaches a file path or a query, so no caller-supplied string can traverse out of the store.
 */
export function isSha256Address(value: unknown): value is string {
  return typeof value === 'string' && SHA256_HEX.test(value);
}

const REFERENCE_NAME = /^[a-z0-9][a-z0-9._-]{0,127}$/;

/**
 * True for a well-formed reference name: 1–128 of `a-z 0-9 . _ -`, not starting with `.`, `_` or `-`.
 * Safe as a file name and as a document key.
 */
export function isReferenceName(value: unknown): value is string {
  return typeof value === 'string' && REFERENCE_NAME.test(value);
}

/** Throws RangeError unless both a reference's name and its target are well-formed. */
export function assertReference(name: string, sha256: string): void {
  if (!isReferenceName(name)) throw new RangeError(`malformed blob reference name: ${JSON.stringify(name)}`);
  if (!isSha256Address(sha256)) throw new RangeError(`malformed blob address: ${JSON.stringify(sha256)}`);
}

/** Hashes and counts a blob's bytes as they stream past, and enforces the byte limit. */
export class BlobMeter {
  private readonly hash: Hash = createHash('sha256');
  private count = 0;
  private digest: string | null = null;

  constructor(private readonly maxBytes = Number.POSITIVE_INFINITY) {
    if (!(maxBytes >= 0)) throw new RangeError(`maxBytes must be >= 0, got ${maxBytes}`);
  }

  /** Accepts one chunk (strings, from a Readable with an encoding set, count as UTF-8). */
  add(chunk: Uint8Array | string): Uint8Array {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.count += bytes.byteLength;
    if (this.count > this.maxBytes) throw new TooLargeError(this.maxBytes, 'blob');
    this.hash.update(bytes);
    return bytes;
  }

  get bytes(): number {
    return this.count;
  }

  /** The address of everything added, once the last chunk is in (no chunk may be added after). */
  sha256(): string {
    this.digest ??= this.hash.digest('hex');
    return this.digest;
  }
}

/**
 * Resolves an inclusive range against a blob's size: `end` is clamped to the last byte, a range that
 * selects nothing throws RangeNotSatisfiableError. No range: undefined (the whole blob).
 */
export function resolveRange(range: ByteRange | undefined, size: number): ByteRange | undefined {
  if (!range) return undefined;
  const { start, end } = range;
  const valid = Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && end >= start;
  if (!valid || start >= size) throw new RangeNotSatisfiableError(start, end, size);
  return { start, end: Math.min(end, size - 1) };
}
