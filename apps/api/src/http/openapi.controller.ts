import { Controller, Get } from '@nestjs/common';
import { openApiDocument } from './openapi-document';

@Controller()
export class OpenApiController {
  private readonly document = openApiDocument();

  @Get('openapi.json')
  getDocument() {
    return this.document;
  }
}
