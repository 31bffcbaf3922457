import { Body, Controller, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import type { Response } from 'express';
import { assertTaskNotExpired } from '../../http/gone';
import { ApiProblem, problems } from '../../http/problem';
import { parseOrThrow } from '../../http/zod-validation';
import { textOptionsField } from '../request-task/text-options-field';
import { assertTaskId } from '../task-ids';
import { API_PREFIX, taskPath } from '../task-presenter';
import { ApiTextReExtractor } from './text-re-extractor.provider';

/**
 * `POST /api/v1/tasks/{id}/extractions` with `{"mode": "main", "format": "markdown"}`: the task's text
 * cut again from its stored page with the current extractor, without fetching it; recorded as a
 * TextExtracted event, served by GET …/text from then on. The earlier texts stay in the events.
 */
@Controller(`${API_PREFIX}/tasks`)
export class ExtractTextController {
  constructor(
    private readonly extractor: ApiTextReExtractor,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  @Post(':id/extractions')
  @HttpCode(201)
  async extract(@Param('id') id: string, @Body() body: unknown, @Res({ passthrough: true }) response: Response) {
    const options = parseOrThrow(textOptionsField, body ?? {}, 'extraction request');
    // An expired task's stored page is gone (retention): 410, not an extraction that cannot read it.
    const view = await this.readModels.getTask(assertTaskId(id));
    if (view) assertTaskNotExpired(view, 'its stored page');
    const result = await this.extractor.extract(assertTaskId(id), options);
    switch (result.kind) {
      case 'not-found':
        throw problems.notFound(`no task ${id}`);
      case 'no-page':
        throw problems.conflict('page-not-fetched', `the task's page was not fetched (status ${result.status}); there is nothing to extract from`);
      case 'no-html':
        throw problems.conflict('html-not-kept', 'the page was fetched without keeping its HTML (TRAWL_KEEP_HTML=false at the time); re-extraction needs it');
      case 'too-slow':
        throw new ApiProblem(422, 'extraction-failed', 'Unprocessable Content', `the extractor gave up on this page: ${result.message}`);
      case 'extracted': {
        const self = taskPath(id);
        const { version, mode, format, extractor, title, text, markdown, extractedAt } = result.event;
        response.setHeader('Location', `${self}/text`);
        return {
          taskId: id, version, mode, format, extractor, title, extractedAt,
          text: { ...text, url: `${self}/text` },
          markdown: markdown ? { ...markdown, url: `${self}/text?format=markdown` } : null,
        };
      }
    }
  }
}
