import { Controller, Delete, HttpCode, Inject, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { BATCHES_PATH, assertBatchId, presentBatch } from '../batch-presenter';
import { CancelBatchCommand } from './cancel-batch.command';

@Controller(BATCHES_PATH)
export class CancelBatchController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  /** 202: the cancel is recorded; what has not finished is cancelled by the relay. 409 when the batch already ended. */
  @Delete(':id')
  @HttpCode(202)
  async cancel(@Param('id') id: string) {
    await this.commands.execute(new CancelBatchCommand(assertBatchId(id)));
    const view = await this.readModels.getBatch(id);
    return view ? { ...presentBatch(view), status: 'cancelled' } : { id, status: 'cancelled' };
  }
}
