import type { BlobStore } from '@trawl/blob-store';
import type { ExportTarget } from './export-target';

/**
 * Stores each file of the export in the blob store. Files are content-addressed there, so the
 * caller keeps the names: every writer returns `{ name, sha256 }` for each file it wrote.
 */
export function blobStoreTarget(store: Pick<BlobStore, 'write'>): ExportTarget {
  return {
    async store(_name, content, contentType) {
      await store.write(content, { contentType });
    },
  };
}
