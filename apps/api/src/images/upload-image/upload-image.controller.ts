import { Controller, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { ApiProblem } from '../../http/problem';
import { presentUpload, uploadPath } from '../upload-presenter';
import { UploadImageCommand, type UploadImageResult } from './upload-image.command';
import { UPLOAD_PATH, uploadBodyOf } from './upload-body.middleware';

/** Status of each refusal of an uploaded file (its bytes were read; what they hold is refused). */
const REFUSAL_STATUS: Record<string, number> = {
  'empty-image': 400,
  'not-an-image': 415,
  'image-too-many-pixels': 422,
  'image-truncated': 422,
  'image-corrupt': 422,
};

@Controller(UPLOAD_PATH)
export class UploadImageController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * 201 with the new upload, or 200 with the existing one when the same bytes were uploaded before;
   * `Location` names it either way. The body was read (and bounded) by UploadBodyReader.
   */
  @Post()
  async upload(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const body = uploadBodyOf(request);
    if (!body) throw new ApiProblem(400, 'unreadable-body', 'Invalid Request', 'the upload body could not be read');
    const result: UploadImageResult = await this.commands.execute(new UploadImageCommand(body.bytes, body.as));
    if (!result.ok) {
      const status = REFUSAL_STATUS[result.code] ?? 422;
      throw new ApiProblem(status, result.code, status === 413 ? 'Content Too Large' : status === 415 ? 'Unsupported Media Type' : status === 400 ? 'Invalid Request' : 'Unprocessable Content', result.detail);
    }
    response.status(result.created ? 201 : 200).setHeader('Location', uploadPath(result.upload.uploadId));
    return presentUpload(result.upload);
  }
}
