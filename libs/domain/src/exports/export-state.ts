import type { ExportEvent, ExportFileRef, ExportFormat, ExportOptions, ExportSourceRef } from './export-events';

export type ExportStatus = 'queued' | 'building' | 'ready' | 'failed';

/** An export as its stream tells it: what the API serves and the exporter decides on. */
export interface ExportState {
  exportId: string;
  source: ExportSourceRef;
  format: ExportFormat;
  options: ExportOptions;
  status: ExportStatus;
  attempt: number;
  progress: { samples: number; totalSamples: number | null };
  files: ExportFileRef[];
  error: { code: string; message: string } | null;
  createdAt: string;
  updatedAt: string;
}

/** Fold step; events of an earlier attempt (a stale builder) change nothing. */
export function evolveExport(state: ExportState | null, event: ExportEvent, recordedAt: string): ExportState | null {
  if (event.type === 'ExportRequested') {
    const { exportId, source, format, options, attempt } = event.data;
    if (state && attempt <= state.attempt) return state;
    return {
      exportId, source, format, options, attempt, status: 'queued', progress: { samples: 0, totalSamples: null },
      files: [], error: null, createdAt: state?.createdAt ?? recordedAt, updatedAt: recordedAt,
    };
  }
  if (!state || event.data.attempt !== state.attempt || state.status === 'ready' || state.status === 'failed') return state;
  switch (event.type) {
    case 'ExportProgressed':
      return { ...state, status: 'building', progress: { samples: event.data.samples, totalSamples: event.data.totalSamples }, updatedAt: recordedAt };
    case 'ExportCreated':
      return {
        ...state, status: 'ready', files: event.data.files, updatedAt: recordedAt,
        progress: { samples: event.data.samples, totalSamples: state.progress.totalSamples ?? event.data.samples },
      };
    case 'ExportFailed':
      return { ...state, status: 'failed', error: event.data.error, updatedAt: recordedAt };
  }
}

export function foldExportEvents(events: Iterable<{ event: ExportEvent; recordedAt: string }>): ExportState | null {
  let state: ExportState | null = null;
  for (const { event, recordedAt } of events) state = evolveExport(state, event, recordedAt);
  return state;
}
