import { Command } from '@nestjs/cqrs';
import type { BatchSpool } from './batch-spool';
import type { BatchRequestOptions } from './request-batch.body';

export interface RequestBatchResult {
  createdAt: string;
}

/** Store a batch whose entries were read into the spool. */
export class RequestBatchCommand extends Command<RequestBatchResult> {
  constructor(
    readonly spool: BatchSpool,
    readonly options: BatchRequestOptions,
    readonly correlationId: string,
  ) {
    super();
  }
}
