import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { BLOB_STORE, type BlobStore } from '@trawl/blob-store';
import { sendBlob } from '../../http/blob-responder';
import { problems } from '../../http/problem';
import { GetTaskQuery } from '../get-task/get-task.query';
import { API_PREFIX } from '../task-presenter';

@Controller(`${API_PREFIX}/tasks`)
export class GetTaskTextController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  /** The page's visible text as UTF-8. 404 when the task did not ask for text, 409 while it is not there yet. */
  @Get(':id/text')
  async getText(@Param('id') id: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const task = await this.queries.execute(new GetTaskQuery(id));
    if (!task.collect.includes('text')) throw problems.notFound('this task did not collect text (collect had no "text")');
    if (!task.text) {
      const why = task.status === 'failed' ? 'the task failed before its text was collected' : `the text is not collected yet (status ${task.status})`;
      throw problems.conflict('text-not-ready', why);
    }
    await sendBlob(this.blobs, { ...task.text, contentType: 'text/plain; charset=utf-8' }, request, response);
  }
}
