export * from './blob-store.port';
export * from './blob-store.errors';
export { isReferenceName, isSha256Address } from './blob-address';
export { FileBlobStore } from './file/file-blob-store';
export { GridFsBlobStore, type GridFsBlobStoreOptions } from './gridfs/gridfs-blob-store';
export * from './create-blob-store';
