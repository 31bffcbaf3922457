import type { EventStore, ExpectedRevision } from '@trawl/event-store';
import { EXPORT_EVENT_SCHEMA_VERSION, toExportEvent, validateExportEvent, type ExportEvent } from './export-events';
import { foldExportEvents, type ExportState } from './export-state';
import { exportEventId, exportStreamName } from './export-stream';

/** Reads and writes one export's stream: its state is the fold of its events (no read model). */
export class ExportStreams {
  constructor(private readonly store: EventStore) {}

  async state(exportId: string): Promise<ExportState | null> {
    const recorded = await this.store.readStream(exportStreamName(exportId));
    return foldExportEvents(recorded.flatMap((entry) => {
      const event = toExportEvent(entry);
      return event ? [{ event, recordedAt: entry.recordedAt.toISOString() }] : [];
    }));
  }

  /** Appends under a step's deterministic id: a step replayed after a crash writes nothing twice. Returns the event id. */
  async append(exportId: string, step: string, event: ExportEvent, expectedRevision: ExpectedRevision = 'any'): Promise<string> {
    const id = exportEventId(exportId, step);
    const valid = validateExportEvent(event);
    await this.store.appendToStream(exportStreamName(exportId), [{ id, type: valid.type, data: valid.data, metadata: { schemaVersion: EXPORT_EVENT_SCHEMA_VERSION } }], { expectedRevision });
    return id;
  }

  /** How many ExportCreated events the stream holds (a second request must not build again). */
  async countCreated(exportId: string): Promise<number> {
    const recorded = await this.store.readStream(exportStreamName(exportId));
    return recorded.filter((entry) => entry.type === 'ExportCreated').length;
  }
}
