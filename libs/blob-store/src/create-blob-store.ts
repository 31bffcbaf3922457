import type { BlobStore } from './blob-store.port';
import { FileBlobStore } from './file/file-blob-store';
import { GridFsBlobStore } from './gridfs/gridfs-blob-store';

export type BlobStoreConfig = { kind: 'file'; dir: string } | { kind: 'gridfs'; mongoUrl: string; bucket?: string };

/**
 * Opens the configured blob store: files under `dir` (embedded mode) or GridFS on its own MongoDB
 * connection. Rejects with UnavailableError if the backend cannot be reached.
 */
export async function createBlobStore(config: BlobStoreConfig): Promise<BlobStore> {
  switch (config.kind) {
    case 'file':
      return FileBlobStore.open(config.dir);
    case 'gridfs':
      return GridFsBlobStore.connect(config.mongoUrl, { bucket: config.bucket });
  }
}
