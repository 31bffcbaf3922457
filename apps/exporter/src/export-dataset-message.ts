import type { ExportState } from '@trawl/domain';
import type { BatchCounts } from '@trawl/read-models';

/** The datasets-topic message of an export made of a batch: what is in it and where to download it. */
export interface ExportDatasetEvent {
  type: 'BatchExportReady';
  schemaVersion: 1;
  batchId: string;
  exportId: string;
  format: ExportState['format'];
  samples: number;
  counts: BatchCounts | null;
  files: { name: string; bytes: number; sha256: string; url: string }[];
  /** The export's status URL. */
  url: string;
  occurredAt: string;
}

export function exportFilePath(exportId: string, name: string): string {
  return `/api/v1/exports/${exportId}/files/${encodeURIComponent(name)}`;
}

export function exportDatasetEvent(state: ExportState, counts: BatchCounts | null, apiBaseUrl: string, occurredAt: string): ExportDatasetEvent {
  return {
    type: 'BatchExportReady',
    schemaVersion: 1,
    batchId: state.source.id,
    exportId: state.exportId,
    format: state.format,
    samples: state.progress.samples,
    counts,
    files: state.files.map((file) => ({ name: file.name, bytes: file.bytes, sha256: file.sha256, url: `${apiBaseUrl}${exportFilePath(state.exportId, file.name)}` })),
    url: `${apiBaseUrl}/api/v1/exports/${state.exportId}`,
    occurredAt,
  };
}
