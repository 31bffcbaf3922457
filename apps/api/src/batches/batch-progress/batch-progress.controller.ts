import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { SseStreams } from '../../http/sse/sse-streams';
import { BATCHES_PATH, assertBatchId } from '../batch-presenter';
import { batchProgressSource } from './batch-progress-source';

@Controller(BATCHES_PATH)
export class BatchProgressController {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    private readonly streams: SseStreams,
  ) {}

  /**
   * Live progress as Server-Sent Events: `progress` messages as the batch's counts or status change
   * (coalesced, at most about four a second), then one `final` message when the batch has ended, and
   * the end of the stream. Resumable with `Last-Event-ID`.
   */
  @Get(':id/progress')
  async follow(@Param('id') id: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const batchId = assertBatchId(id);
    await this.streams.serve(request, response, batchProgressSource(this.readModels, batchId), `no batch with id ${id}`);
  }
}
