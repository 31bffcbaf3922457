import { Body, Controller, Headers, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ExportStreams, type ExportSourceRef } from '@trawl/domain';
import { EVENT_STORE, type EventStore } from '@trawl/event-store';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { assertBatchId } from '../../batches/batch-presenter';
import { isJsonContentType } from '../../http/json-body';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/zod-validation';
import { API_PREFIX } from '../../tasks/task-presenter';
import { assertTaskId } from '../../tasks/task-ids';
import { exportPath, presentExport } from '../export-presenter';
import { requestExportBody } from './request-export.body';
import { requestExport } from './request-export';
import { assertFinalSource } from './source-finality';

@Controller(API_PREFIX)
export class RequestExportController {
  private readonly streams: ExportStreams;

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {
    this.streams = new ExportStreams(eventStore);
  }

  /** 202 with a new export (the exporter builds it), 200 with the same one when it was requested before. */
  @Post('batches/:id/exports')
  exportBatch(@Param('id') id: string, @Body() body: unknown, @Headers('content-type') contentType: string | undefined, @Res() response: Response): Promise<void> {
    return this.request({ kind: 'batch', id: assertBatchId(id) }, body, contentType, response);
  }

  @Post('tasks/:id/exports')
  exportTask(@Param('id') id: string, @Body() body: unknown, @Headers('content-type') contentType: string | undefined, @Res() response: Response): Promise<void> {
    return this.request({ kind: 'task', id: assertTaskId(id) }, body, contentType, response);
  }

  private async request(source: ExportSourceRef, body: unknown, contentType: string | undefined, response: Response): Promise<void> {
    if (!isJsonContentType(contentType)) throw problems.unsupportedMediaType('send the export request as application/json, e.g. {"format":"webdataset"}');
    const input = parseOrThrow(requestExportBody, body, 'export request');
    await assertFinalSource(this.readModels, source);
    const { state, created } = await requestExport(this.streams, source, input, new Date());
    response.status(created ? 202 : 200).setHeader('Location', exportPath(state.exportId));
    response.json(presentExport(state));
  }
}
