import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
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

  /**
   * The page's text as UTF-8: plain text, or Markdown with `?format=markdown` or `Accept: text/markdown`.
   * 404 when the task did not ask for text, 409 while it is not there yet (or no Markdown was made).
   */
  @Get(':id/text')
  async getText(@Param('id') id: string, @Query('format') format: string | undefined, @Req() request: Request, @Res() response: Response): Promise<void> {
    const wanted = textFormatOf(format, request.headers.accept);
    const task = await this.queries.execute(new GetTaskQuery(id));
    if (!task.collect.includes('text')) throw problems.notFound('this task did not collect text (collect had no "text")');
    if (!task.text) {
      const why = task.status === 'failed' ? 'the task failed before its text was collected' : `the text is not collected yet (status ${task.status})`;
      throw problems.conflict('text-not-ready', why);
    }
    if (wanted === 'markdown') {
      if (!task.markdown) throw problems.conflict('markdown-not-extracted', 'no Markdown was made for this task; ask for it with "text": {"format": "markdown"}, or re-extract: POST …/extractions {"format": "markdown"}');
      await sendBlob(this.blobs, { ...task.markdown, contentType: 'text/markdown; charset=utf-8' }, request, response);
      return;
    }
    await sendBlob(this.blobs, { ...task.text, contentType: 'text/plain; charset=utf-8' }, request, response);
  }
}

/** `?format=` wins; else an Accept that prefers text/markdown to text/plain asks for Markdown. */
export function textFormatOf(format: string | undefined, accept: string | undefined): 'text' | 'markdown' {
  if (format !== undefined) {
    if (format === 'markdown' || format === 'text') return format;
    throw problems.invalidRequest(`format: must be text or markdown, not ${JSON.stringify(format.slice(0, 40))}`, [{ path: 'format', message: 'must be text or markdown' }]);
  }
  return accept !== undefined && /text\/markdown/i.test(accept) && !/text\/plain/i.test(accept) ? 'markdown' : 'text';
}
