import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { BLOB_STORE, type BlobStore } from '@trawl/blob-store';
import { ExportStreams } from '@trawl/domain';
import { EVENT_STORE, type EventStore } from '@trawl/event-store';
import { sendBlob } from '../../http/blob-responder';
import { problems } from '../../http/problem';
import { EXPORTS_PATH, assertExportId } from '../export-presenter';

@Controller(EXPORTS_PATH)
export class GetExportFileController {
  private readonly streams: ExportStreams;

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {
    this.streams = new ExportStreams(eventStore);
  }

  /** One file of a ready export, streamed from the blob store (ETag = sha256, Range, as an attachment). */
  @Get(':id/files/:name')
  async getFile(@Param('id') id: string, @Param('name') name: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const state = await this.streams.state(assertExportId(id));
    if (!state) throw problems.notFound(`no export with id ${id}`);
    if (state.status !== 'ready') throw problems.conflict('export-not-ready', `the export is ${state.status}; its files are listed once it is ready (GET /api/v1/exports/${id})`);
    const file = state.files.find((candidate) => candidate.name === name);
    if (!file) throw problems.notFound(`export ${id} has no file ${name}; it has ${state.files.map((candidate) => candidate.name).join(', ')}`);
    response.setHeader('Content-Disposition', `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"`);
    await sendBlob(this.blobs, { sha256: file.sha256, bytes: file.bytes, contentType: file.contentType }, request, response);
  }
}
