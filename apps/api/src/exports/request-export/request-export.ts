import { WrongExpectedRevisionError } from '@trawl/errors';
import { exportIdOf, exportSteps, type ExportSourceRef, type ExportState, type ExportStreams } from '@trawl/domain';
import type { RequestExportBody } from './request-export.body';

/**
 * Records the request of an export unless the same export (same source, format and options) exists:
 * then it is served as it is (`created: false`). A failed one is requested again (a new attempt).
 */
export async function requestExport(streams: ExportStreams, source: ExportSourceRef, body: RequestExportBody, now: Date): Promise<{ state: ExportState; created: boolean }> {
  const options = { imageSize: body.imageSize, shardSize: body.format === 'webdataset' ? body.shardSize : undefined };
  const exportId = exportIdOf(source, body.format, options);
  for (;;) {
    const existing = await streams.state(exportId);
    if (existing && existing.status !== 'failed') return { state: existing, created: false };
    const attempt = (existing?.attempt ?? 0) + 1;
    try {
      await streams.append(exportId, exportSteps.requested(attempt), {
        type: 'ExportRequested',
        data: { exportId, source, format: body.format, options: definedOnly(options), attempt, requestedAt: now.toISOString() },
      }, existing ? 'stream_exists' : 'no_stream');
    } catch (error) {
      // Another request of the same export won the race: serve what it recorded.
      if (error instanceof WrongExpectedRevisionError) continue;
      throw error;
    }
    return { state: (await streams.state(exportId))!, created: true };
  }
}

function definedOnly(options: { imageSize?: number; shardSize?: number }) {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
