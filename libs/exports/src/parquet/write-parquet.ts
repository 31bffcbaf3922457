import { ParquetWriter } from '@dsnp/parquetjs';
import { InvalidExportError } from '../export-errors';
import { type ExportSample, isPageText } from '../sample';
import type { ExportTarget, ExportedFile } from '../target/export-target';
import { openOutputFile } from '../target/output-file';
import { readVerified } from '../verified-blob';
import { EXPORT_PARQUET_SCHEMA, parquetRow } from './parquet-columns';

export interface ParquetExportOptions {
  /** Default `dataset.parquet`. */
  name?: string;
  /** A row group is flushed once its cells reach this many bytes (default 64 MiB)… */
  maxRowGroupBytes?: number;
  /** …or this many rows (default 1000). */
  maxRowGroupRows?: number;
}

export interface ParquetExportResult {
  file: ExportedFile;
  rows: { images: number; texts: number };
}

/** Never flush: parquetjs flushes when `rowCount >= rowGroupSize`, and we lower it when a group is full. */
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

/**
 * Writes one Parquet file, one row per image and per page text (columns: `EXPORT_PARQUET_SCHEMA`).
 * A Parquet cell is written whole, so a row's image is read into memory; rows are flushed to the
 * target as row groups bounded in bytes, so memory holds one row group, never the file.
 */
export async function writeParquet(samples: AsyncIterable<ExportSample>, target: ExportTarget, options: ParquetExportOptions = {}): Promise<ParquetExportResult> {
  const maxBytes = options.maxRowGroupBytes ?? 64 * 1024 * 1024;
  const maxRows = options.maxRowGroupRows ?? 1000;
  if (!(maxBytes > 0 && maxRows >= 1)) throw new InvalidExportError('row group limits must be positive');
  const output = openOutputFile(target, options.name ?? 'dataset.parquet', 'application/vnd.apache.parquet');
  const rows = { images: 0, texts: 0 };
  try {
    // Typed as an fs.WriteStream's write/end; it only calls write(buffer, callback) and end(callback).
    const sink = output.input as unknown as Parameters<typeof ParquetWriter.openStream>[1];
    const writer = await ParquetWriter.openStream(EXPORT_PARQUET_SCHEMA, sink, { rowGroupSize: UNBOUNDED });
    let groupBytes = 0;
    let groupRows = 0;
    for await (const sample of samples) {
      const body = await bodyOf(sample);
      groupBytes += (body?.byteLength ?? 0) + 1024;
      groupRows += 1;
      const full = groupBytes >= maxBytes || groupRows >= maxRows;
      // Makes this append flush the group, this row included.
      writer.setRowGroupSize(full ? groupRows : UNBOUNDED);
      await writer.appendRow(parquetRow(sample, body));
      if (full) [groupBytes, groupRows] = [0, 0];
      if (isPageText(sample)) rows.texts += 1;
      else rows.images += 1;
    }
    await writer.close();
    return { file: await output.finished(), rows };
  } catch (error) {
    await output.abort(error as Error);
    throw error;
  }
}

function bodyOf(sample: ExportSample): Promise<Buffer> | null {
  if (isPageText(sample)) return readVerified(sample.key, sample.text);
  return sample.image ? readVerified(sample.key, sample.image) : null;
}
