import type { Readable } from 'node:stream';

/** Where an export's files go: the blob store, a folder, or any Writable (see the adapters beside). */
export interface ExportTarget {
  /**
   * Stores one file of the export, reading `content` to its end; resolves once it is stored. A
   * rejection (or a thrown error) ends the export with that error.
   */
  store(name: string, content: Readable, contentType: string): Promise<void>;
}

/** One file an export wrote, as measured while it streamed past (so a blob store's address agrees). */
export interface ExportedFile {
  name: string;
  contentType: string;
  /** Lower-case hex SHA-256 of the file's bytes. */
  sha256: string;
  bytes: number;
}
