import { Command } from '@nestjs/cqrs';

export class CancelBatchCommand extends Command<void> {
  constructor(readonly batchId: string) {
    super();
  }
}
