import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@trawl/event-store';
import { BatchStreams, batchRequestedEvent, batchUrlsAddedEvent } from '@trawl/domain';
import { RequestBatchCommand, type RequestBatchResult } from './request-batch.command';

/**
 * Appends the batch's stream: BatchRequested (with the counts, so the relay knows how many entries
 * to expect), then the entries in chunks. Only the batch stream: the relay requests the tasks, a
 * window at a time, and it alone talks to the job bus.
 */
@CommandHandler(RequestBatchCommand)
export class RequestBatchHandler implements ICommandHandler<RequestBatchCommand, RequestBatchResult> {
  private readonly streams: BatchStreams;
  constructor(@Inject(EVENT_STORE) eventStore: EventStore) {
    this.streams = new BatchStreams(eventStore);
  }

  async execute({ spool, options, correlationId }: RequestBatchCommand): Promise<RequestBatchResult> {
    const now = new Date();
    const { batchId } = spool;
    const requested = batchRequestedEvent({
      batchId, options: { collect: options.collect, respectRobots: options.respectRobots, ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}), ...(options.thumbnails ? { thumbnails: options.thumbnails } : {}), ...taskChoices(options) },
      urls: spool.accepted, duplicates: spool.duplicates, rejected: spool.rejectedCount, now, webhook: options.webhook,
    });
    await this.streams.append(batchId, [requested], { correlationId, expectedRevision: 'no_stream' });
    let chunk = 0;
    // 'any': the relay may release the first entries (and append that) while later chunks are written.
    for await (const entries of spool.chunks()) {
      await this.streams.append(batchId, [batchUrlsAddedEvent(batchId, chunk, entries)], { correlationId });
      chunk += 1;
    }
    return { createdAt: now.toISOString() };
  }
}

/** The text, opt-out and reuse choices as BatchRequested keeps them: only what differs from a task's default. */
function taskChoices(options: RequestBatchCommand['options']) {
  return { ...(options.text ? { text: options.text } : {}), ...(options.respectOptOuts === false ? { respectOptOuts: false } : {}), ...(options.reuse ? { reuse: true } : {}) };
}
