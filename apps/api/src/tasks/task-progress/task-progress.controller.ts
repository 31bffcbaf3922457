import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { SseStreams } from '../../http/sse/sse-streams';
import { assertTaskId } from '../task-ids';
import { API_PREFIX } from '../task-presenter';
import { taskProgressSource } from './task-progress-source';

@Controller(`${API_PREFIX}/tasks`)
export class TaskProgressController {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    private readonly streams: SseStreams,
  ) {}

  /**
   * Live progress as Server-Sent Events: `progress` messages (id = the view's revision) as the counts
   * or status change, at most about four a second, then one `final` message and the end of the stream.
   */
  @Get(':id/progress')
  async follow(@Param('id') id: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const taskId = assertTaskId(id);
    await this.streams.serve(request, response, taskProgressSource(this.readModels, taskId), `no task with id ${id}`);
  }
}
