import type { EventStore, NewEvent, RecordedEvent } from '@trawl/event-store';
import { BATCH_EVENT_SCHEMA_VERSION, toBatchEvent, validateBatchEvent, type BatchEvent } from './batch-events';
import { batchEventId, batchStreamName } from './batch-stream';
import { evolveBatch, type BatchState } from './batch-state';
import type { BatchStepEvent } from './decide-batch';

/** Events read per page when a batch's stream is folded (a stream holds one event per settled task). */
const READ_PAGE = 1000;

/**
 * Reading and writing a batch's stream through the event-store port (injected): events validated
 * against their schema, ids derived from the batch and the step, so a repeated append writes nothing.
 */
export class BatchStreams {
  constructor(private readonly store: EventStore) {}

  /** The state folded from the whole stream (null: no such batch), read a page at a time. */
  async load(batchId: string, upToRevision?: bigint): Promise<BatchState | null> {
    let state: BatchState | null = null;
    for await (const event of this.read(batchId, upToRevision)) state = evolveBatch(state, event);
    return state;
  }

  /** The stream's events in order, a page at a time, up to a revision (exclusive) when given. */
  async *read(batchId: string, upToRevision?: bigint): AsyncGenerator<BatchEvent> {
    for (let from = 0n; ; ) {
      const maxCount = upToRevision === undefined ? READ_PAGE : Math.min(READ_PAGE, Number(upToRevision - from));
      if (maxCount <= 0) return;
      const page: RecordedEvent[] = await this.store.readStream(batchStreamName(batchId), { fromRevision: from, maxCount });
      for (const recorded of page) {
        const event = toBatchEvent(recorded);
        if (event) yield event;
      }
      if (page.length < maxCount) return;
      from = page.at(-1)!.revision + 1n;
    }
  }

  async append(batchId: string, events: readonly BatchStepEvent[], options: { correlationId?: string; expectedRevision?: 'no_stream' | 'any' | bigint } = {}) {
    if (events.length === 0) return null;
    const newEvents: NewEvent[] = events.map(({ step, event }) => ({
      id: batchEventId(batchId, step),
      type: event.type,
      data: validateBatchEvent(event).data,
      metadata: { schemaVersion: BATCH_EVENT_SCHEMA_VERSION, ...(options.correlationId ? { correlationId: options.correlationId } : {}) },
    }));
    return this.store.appendToStream(batchStreamName(batchId), newEvents, { expectedRevision: options.expectedRevision ?? 'any' });
  }
}
