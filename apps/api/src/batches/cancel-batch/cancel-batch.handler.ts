import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@trawl/event-store';
import { BatchStreams, decideBatch } from '@trawl/domain';
import { problems } from '../../http/problem';
import { CancelBatchCommand } from './cancel-batch.command';

/**
 * Appends BatchCancelled. The relay then releases nothing more, cancels the released tasks that are
 * not finished, and counts the URLs never released as cancelled.
 */
@CommandHandler(CancelBatchCommand)
export class CancelBatchHandler implements ICommandHandler<CancelBatchCommand, void> {
  private readonly streams: BatchStreams;
  constructor(@Inject(EVENT_STORE) eventStore: EventStore) {
    this.streams = new BatchStreams(eventStore);
  }

  async execute({ batchId }: CancelBatchCommand): Promise<void> {
    const state = await this.streams.load(batchId);
    if (!state) throw problems.notFound(`no batch with id ${batchId}`);
    const events = decideBatch({ type: 'CancelBatch', now: new Date() }, state);
    if (events.length === 0) {
      throw problems.conflict('batch-finished', `the batch is already ${state.cancelled ? 'cancelled' : 'completed'}`);
    }
    await this.streams.append(batchId, events);
  }
}
