import { deterministicEventId } from '../task/event-ids';
import type { ExportFormat, ExportOptions, ExportSourceRef } from './export-events';

const EXPORT_STREAM_PREFIX = 'export-';

/** The one place that names an export's stream. */
export function exportStreamName(exportId: string): string {
  return `${EXPORT_STREAM_PREFIX}${exportId}`;
}

export function exportIdFromStreamName(streamName: string): string | null {
  return streamName.startsWith(EXPORT_STREAM_PREFIX) ? streamName.slice(EXPORT_STREAM_PREFIX.length) : null;
}

/**
 * An export's id: a UUID from its source, format and options, so that a second request for the same
 * content names the same export (and is served from what the first one built).
 */
export function exportIdOf(source: ExportSourceRef, format: ExportFormat, options: ExportOptions): string {
  const canonical = `${format};imageSize=${options.imageSize ?? '-'};shardSize=${format === 'webdataset' ? (options.shardSize ?? '-') : '-'}`;
  return deterministicEventId(`${source.kind}-${source.id}`, `export:${canonical}`);
}

/** An event id of the export's stream, from its step (the same step always gets the same id). */
export function exportEventId(exportId: string, step: string): string {
  return deterministicEventId(exportStreamName(exportId), step);
}

export const exportSteps = {
  requested: (attempt: number) => `requested:${attempt}`,
  progressed: (attempt: number, samples: number) => `progressed:${attempt}:${samples}`,
  created: (attempt: number) => `created:${attempt}`,
  failed: (attempt: number) => `failed:${attempt}`,
} as const;

/** ExportProgressed is coalesced: one event every this many samples. */
export const EXPORT_PROGRESS_EVERY = 500;
