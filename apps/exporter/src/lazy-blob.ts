import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '@trawl/blob-store';

/**
 * A blob's bytes as a Readable made at once, opened from the store on first read: the export writers
 * open a sample's stream synchronously, while the store's read is asynchronous.
 */
export function lazyBlobStream(store: Pick<BlobStore, 'read'>, sha256: string): Readable {
  const out = new PassThrough();
  let opened = false;
  const open = () => {
    if (opened) return;
    opened = true;
    store.read(sha256).then(
      (body) => pipeline(body, out).catch((error: unknown) => out.destroy(error as Error)),
      (error: unknown) => out.destroy(error as Error),
    );
  };
  out.once('resume', open);
  out.once('readable', open);
  // for await over a PassThrough calls read() without 'resume': open on the first read request too.
  const read = out._read.bind(out);
  out._read = (size) => {
    open();
    read(size);
  };
  return out;
}
