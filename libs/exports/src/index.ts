export * from './sample';
export * from './export-errors';
export type { ExportTarget, ExportedFile } from './target/export-target';
export { blobStoreTarget } from './target/blob-store-target';
export { folderTarget, writableTarget } from './target/writable-target';
export { safeSampleKey } from './sample-key';
export {
  DEFAULT_SHARD_LIMITS,
  writeWebDataset,
  type WebDatasetManifest,
  type WebDatasetOptions,
  type WebDatasetShard,
} from './webdataset/write-webdataset';
export { EXPORT_PARQUET_SCHEMA } from './parquet/parquet-columns';
export { writeParquet, type ParquetExportOptions, type ParquetExportResult } from './parquet/write-parquet';
export { writeZip, type ZipExportOptions, type ZipExportResult } from './zip/write-zip';
