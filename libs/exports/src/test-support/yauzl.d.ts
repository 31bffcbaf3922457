// yauzl (a transitive dependency, 3.x) ships no types; these cover what the zip read-back uses.
declare module 'yauzl' {
  import type { Readable } from 'node:stream';
  export interface Entry {
    fileName: string;
    uncompressedSize: number;
    compressionMethod: number;
    getLastModDate(): Date;
  }
  export interface ZipFile {
    entryCount: number;
    eachEntry(): AsyncIterableIterator<Entry>;
    openReadStreamPromise(entry: Entry): Promise<Readable>;
    close(): void;
  }
  export function openPromise(path: string, options?: { lazyEntries?: boolean; autoClose?: boolean }): Promise<ZipFile>;
}
