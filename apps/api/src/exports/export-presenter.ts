import { z } from 'zod';
import type { ExportState } from '@trawl/domain';
import { problems } from '../http/problem';
import { API_PREFIX } from '../tasks/task-presenter';

export const EXPORTS_PATH = `${API_PREFIX}/exports`;

export function exportPath(id: string): string {
  return `${EXPORTS_PATH}/${id}`;
}

export function exportFilePath(id: string, name: string): string {
  return `${exportPath(id)}/files/${encodeURIComponent(name)}`;
}

const exportId = z.uuid();

/** Export ids are UUIDs; anything else names no export (404, like any unknown id). */
export function assertExportId(id: string): string {
  if (!exportId.safeParse(id).success) throw problems.notFound(`no export with id ${id}`);
  return id;
}

/** The public JSON shape of an export (documented in the OpenAPI document). */
export function presentExport(state: ExportState) {
  return {
    id: state.exportId,
    status: state.status,
    format: state.format,
    source: state.source,
    options: state.options,
    progress: { samples: state.progress.samples, totalSamples: state.progress.totalSamples },
    files: state.files.map((file) => ({ name: file.name, bytes: file.bytes, sha256: file.sha256, url: exportFilePath(state.exportId, file.name) })),
    error: state.error,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    links: { self: exportPath(state.exportId) },
  };
}
