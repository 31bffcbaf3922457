import type { Readable } from 'node:stream';

export interface BlobInfo {
  /** Lower-case hex SHA-256 of the bytes: the blob's address. */
  sha256: string;
  bytes: number;
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
 */
export interface BlobStore {
  write(source: AsyncIterable<Uint8Array> | Readable, options?: WriteBlobOptions): Promise<BlobInfo>;
  stat(sha256: string): Promise<BlobInfo | null>;
  /** Throws NotFoundError for an unknown blob. */
  read(sha256: string, range?: ByteRange): Promise<Readable>;
  delete(sha256: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const BLOB_STORE = Symbol('BLOB_STORE');
