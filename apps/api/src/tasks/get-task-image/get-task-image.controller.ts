import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { assertTaskNotExpired } from '../../http/gone';
import { problems } from '../../http/problem';
import { ImageRepresentations } from '../../images/serve/image-representations';
import { assertTaskId } from '../task-ids';
import { API_PREFIX } from '../task-presenter';

@Controller(`${API_PREFIX}/tasks`)
export class GetTaskImageController {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    private readonly representations: ImageRepresentations,
  ) {}

  /**
   * The image's bytes as they were served, with ETag and Range support; or a variant of them
   * (`width`, `height`, `fit`, `format`, `quality`, `metadata`), made once and kept; or either as JSON
   * with base64 data (`Accept: application/json`).
   */
  @Get(':id/images/:imageId')
  async getImage(@Param('id') id: string, @Param('imageId') imageId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const variant = this.representations.parse(request);
    const image = await this.readModels.getImage(assertTaskId(id), imageId);
    if (!image) {
      // An expired task's image rows are gone with it: say so (410), not "no such image".
      const task = await this.readModels.getTask(id);
      if (task) assertTaskNotExpired(task, `image ${imageId}`);
      throw problems.notFound(`task ${id} has no image ${imageId}`);
    }
    if (image.status !== 'stored' || !image.sha256 || image.bytes === null) {
      throw problems.conflict('image-not-stored', image.status === 'failed' ? `the image failed: ${image.error?.message ?? 'unknown error'}` : 'the image is not stored yet');
    }
    const source = { id: imageId, sha256: image.sha256, bytes: image.bytes, contentType: image.contentType ?? 'application/octet-stream' };
    await this.representations.send(source, variant, request, response);
  }
}
