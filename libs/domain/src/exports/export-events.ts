import { z } from 'zod';
import type { RecordedEvent } from '@trawl/event-store';

/** Every event of an export's stream (`export-<exportId>`), version 1. */
const isoTime = z.string().describe('ISO 8601 timestamp');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const exportFormat = z.enum(['webdataset', 'parquet', 'zip']);
export const exportSource = z.object({ kind: z.enum(['batch', 'task']), id: z.string() });
export const exportOptions = z.object({
  imageSize: z.number().int().positive().optional().describe('Longest side of the images, in pixels (a variant); absent: the stored bytes'),
  shardSize: z.number().int().positive().optional().describe('WebDataset: largest shard, in bytes'),
});
export const exportFile = z.object({ name: z.string(), sha256, bytes: z.number().int().min(0), contentType: z.string() });

export const exportRequested = z.object({
  exportId: z.string(),
  source: exportSource,
  format: exportFormat,
  options: exportOptions,
  attempt: z.number().int().min(1).describe('1, then one more each time a failed export is requested again'),
  requestedAt: isoTime,
});
export const exportProgressed = z.object({
  exportId: z.string(),
  attempt: z.number().int().min(1),
  samples: z.number().int().min(0),
  totalSamples: z.number().int().min(0),
});
export const exportCreated = z.object({
  exportId: z.string(),
  attempt: z.number().int().min(1),
  files: z.array(exportFile),
  samples: z.number().int().min(0),
  createdAt: isoTime,
});
export const exportFailed = z.object({
  exportId: z.string(),
  attempt: z.number().int().min(1),
  error: z.object({ code: z.string(), message: z.string() }),
  failedAt: isoTime,
});

export const exportEventSchemas = {
  ExportRequested: exportRequested,
  ExportProgressed: exportProgressed,
  ExportCreated: exportCreated,
  ExportFailed: exportFailed,
} as const;

type Schemas = typeof exportEventSchemas;
export type ExportEventType = keyof Schemas;
export type ExportEvent = { [Type in ExportEventType]: { type: Type; data: z.infer<Schemas[Type]> } }[ExportEventType];
export type ExportEventOf<Type extends ExportEventType> = Extract<ExportEvent, { type: Type }>;
export type ExportFormat = z.infer<typeof exportFormat>;
export type ExportSourceRef = z.infer<typeof exportSource>;
export type ExportOptions = z.infer<typeof exportOptions>;
export type ExportFileRef = z.infer<typeof exportFile>;

export const EXPORT_EVENT_SCHEMA_VERSION = 1;

export function toExportEvent(recorded: RecordedEvent): ExportEvent | null {
  if (!Object.hasOwn(exportEventSchemas, recorded.type)) return null;
  return { type: recorded.type, data: recorded.data } as ExportEvent;
}

export function validateExportEvent(event: ExportEvent): ExportEvent {
  return { type: event.type, data: exportEventSchemas[event.type].parse(event.data) } as ExportEvent;
}
