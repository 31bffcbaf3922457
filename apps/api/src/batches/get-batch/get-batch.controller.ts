import { Controller, Get, Inject, Param } from '@nestjs/common';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { assertBatchNotExpired } from '../../http/gone';
import { problems } from '../../http/problem';
import { BATCHES_PATH, assertBatchId, presentBatch } from '../batch-presenter';

@Controller(BATCHES_PATH)
export class GetBatchController {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  /** Status and counts, as the projector keeps them (never counted on the request). */
  @Get(':id')
  async getBatch(@Param('id') id: string) {
    const view = await this.readModels.getBatch(assertBatchId(id));
    if (!view) throw problems.notFound(`no batch with id ${id}`);
    return presentBatch(assertBatchNotExpired(view));
  }
}
