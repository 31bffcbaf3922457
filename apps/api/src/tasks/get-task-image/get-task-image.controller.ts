import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { BLOB_STORE, type BlobStore } from '@trawl/blob-store';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { sendBlob } from '../../http/blob-responder';
import { problems } from '../../http/problem';
import { assertTaskId } from '../task-ids';
import { API_PREFIX } from '../task-presenter';

@Controller(`${API_PREFIX}/tasks`)
export class GetTaskImageController {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  /** The image's bytes as they were served, with ETag and Range support. */
  @Get(':id/images/:imageId')
  async getImage(@Param('id') id: string, @Param('imageId') imageId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const image = await this.readModels.getImage(assertTaskId(id), imageId);
    if (!image) throw problems.notFound(`task ${id} has no image ${imageId}`);
    if (image.status !== 'stored' || !image.sha256 || image.bytes === null) {
      throw problems.conflict('image-not-stored', image.status === 'failed' ? `the image failed: ${image.error?.message ?? 'unknown error'}` : 'the image is not stored yet');
    }
    await sendBlob(this.blobs, { sha256: image.sha256, bytes: image.bytes, contentType: image.contentType ?? 'application/octet-stream' }, request, response);
  }
}
