import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isUploadId, uploadFromHistory, uploadStreamName, type ImageUploaded } from '@trawl/domain';
import { EVENT_STORE, type EventStore } from '@trawl/event-store';
import { problems } from '../../http/problem';
import { ImageRepresentations } from '../serve/image-representations';
import { presentUpload } from '../upload-presenter';
import { UPLOAD_PATH } from '../upload-image/upload-body.middleware';

/**
 * An uploaded image, by its id. Its metadata is read from its event stream: one short stream per
 * upload, one read by id, so no read model is needed (yet) for this lookup.
 */
@Controller(UPLOAD_PATH)
export class GetImageController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly representations: ImageRepresentations,
  ) {}

  /** The bytes, a variant, or either as JSON with base64 data: see GET /api/v1/tasks/{id}/images/{imageId}. */
  @Get(':id')
  async getImage(@Param('id') id: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const variant = this.representations.parse(request);
    const upload = await this.uploadOf(id);
    await this.representations.send({ id, sha256: upload.sha256, bytes: upload.bytes, contentType: upload.contentType }, variant, request, response);
  }

  /** What is known about the upload, without its bytes. */
  @Get(':id/metadata')
  async getMetadata(@Param('id') id: string) {
    return presentUpload(await this.uploadOf(id));
  }

  private async uploadOf(id: string): Promise<ImageUploaded> {
    const upload = isUploadId(id) ? uploadFromHistory(await this.eventStore.readStream(uploadStreamName(id))) : null;
    if (!upload) throw problems.notFound(`no uploaded image ${id}`);
    return upload;
  }
}
