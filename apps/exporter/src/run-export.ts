import { NotFoundError, UnavailableError } from '@trawl/errors';
import { ExportIntegrityError, InvalidExportError, type ExportSample } from '@trawl/exports';
import { EXPORT_PROGRESS_EVERY, exportSteps, type ExportState } from '@trawl/domain';
import type { BuiltExport } from './build-export';
import type { ExportStreams } from '@trawl/domain';

export interface ExportRunPorts {
  journal: ExportStreams;
  countSamples(state: ExportState): Promise<number>;
  samples(state: ExportState): AsyncIterable<ExportSample>;
  build(state: ExportState, samples: AsyncIterable<ExportSample>, onSample: (count: number) => Promise<void>): Promise<BuiltExport>;
  now(): Date;
}

/**
 * Builds one requested export and records the outcome: ExportProgressed every EXPORT_PROGRESS_EVERY
 * samples (and once at the start, with the total), then ExportCreated, or ExportFailed when the content
 * cannot be exported (a blob missing or not matching its hash). A store that is down is not the
 * export's fault: that error is thrown, and the subscription retries the whole build later.
 */
export async function runExport(ports: ExportRunPorts, state: ExportState): Promise<void> {
  const { exportId, attempt } = state;
  try {
    const totalSamples = await ports.countSamples(state);
    await ports.journal.append(exportId, exportSteps.progressed(attempt, 0), { type: 'ExportProgressed', data: { exportId, attempt, samples: 0, totalSamples } });
    const built = await ports.build(state, ports.samples(state), async (count) => {
      if (count % EXPORT_PROGRESS_EVERY !== 0) return;
      await ports.journal.append(exportId, exportSteps.progressed(attempt, count), {
        type: 'ExportProgressed', data: { exportId, attempt, samples: count, totalSamples: Math.max(totalSamples, count) },
      });
    });
    await ports.journal.append(exportId, exportSteps.created(attempt), {
      type: 'ExportCreated', data: { exportId, attempt, files: built.files, samples: built.samples, createdAt: ports.now().toISOString() },
    });
  } catch (error) {
    if (!isContentError(error)) throw error;
    await ports.journal.append(exportId, exportSteps.failed(attempt), {
      type: 'ExportFailed', data: { exportId, attempt, error: { code: errorCode(error), message: (error as Error).message }, failedAt: ports.now().toISOString() },
    });
  }
}

function isContentError(error: unknown): boolean {
  if (error instanceof UnavailableError) return false;
  return error instanceof ExportIntegrityError || error instanceof InvalidExportError || error instanceof NotFoundError || (error instanceof Error && /variant|pixels|decod/i.test(error.name));
}

function errorCode(error: unknown): string {
  if (error instanceof ExportIntegrityError) return 'export-integrity';
  if (error instanceof NotFoundError) return 'blob-missing';
  if (error instanceof InvalidExportError) return 'invalid-export';
  return 'image-variant-failed';
}
