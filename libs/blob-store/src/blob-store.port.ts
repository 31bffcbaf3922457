import type { Readable } from 'node:stream';

export interface BlobInfo {
  /** Lower-case hex SHA-256 of the bytes: the blob's address. */
  sha256: string;
  bytes: number;
  /** As recorded by the first write of these bytes. */
  contentType?: string;
}

export interface WriteBlobOptions {
  /** The write fails with TooLargeError past this many bytes, and nothing is stored. */
  maxBytes?: number;
  /** Recorded on first write only (same bytes, same blob). */
  contentType?: string;
}

/** Inclusive byte range, as in HTTP Range. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Content-addressed blob store. The same bytes are stored once; bodies are streamed, never held
 * whole in memory.
 *
 * A malformed address (anything but 64 lower-case hex digits) names no blob: stat() gives null,
 * read() throws NotFoundError, delete() does nothing. Infrastructure failures surface as
 * UnavailableError.
 */
export interface BlobStore {
  /**
   * Streams the source into the store while hashing it. Writing bytes that are already stored keeps
   * the one copy and returns its info (concurrent writers of the same bytes included). Throws
   * TooLargeError past `maxBytes`; a failing source rejects with its own error. Either way nothing
   * is stored.
   */
  write(source: AsyncIterable<Uint8Array> | Readable, options?: WriteBlobOptions): Promise<BlobInfo>;
  /** The blob's info, or null if it is not stored. */
  stat(sha256: string): Promise<BlobInfo | null>;
  /**
   * The blob's bytes, or the inclusive `range` of them. An `end` past the last byte is clamped to it
   * (as HTTP does); a range that selects nothing throws RangeNotSatisfiableError.
   * Throws NotFoundError for an unknown blob.
   */
  read(sha256: string, range?: ByteRange): Promise<Readable>;
  /** Removes the blob; deleting an unknown blob is not an error. */
  delete(sha256: string): Promise<void>;
  /**
   * Points a name (see isReferenceName: e.g. the hash of a variant's source and parameters) at a
   * stored blob, so a derived blob can be found again without knowing its bytes. Setting it again
   * replaces the target (last write wins). Throws RangeError for a malformed name or address and
   * NotFoundError when the blob is not stored.
   */
  setReference(name: string, sha256: string): Promise<void>;
  /**
   * The address a name points at, or null (unknown or malformed name). A reference may outlive its
   * blob (delete() does not follow references): callers stat() what they get.
   */
  getReference(name: string): Promise<string | null>;
  /** Resolves when the backend answers; UnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const BLOB_STORE = Symbol('BLOB_STORE');
