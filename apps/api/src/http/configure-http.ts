import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import type { TrawlMetrics } from '@trawl/metrics';
import type { Logger } from 'pino';
import { UploadBodyReader } from '../images/upload-image/upload-body.middleware';
import { batchBodyMiddleware } from '../batches/request-batch/batch-body.middleware';
import { mountGetTaskRoute } from '../tasks/get-task/get-task.route';
import { AccessControl } from './access/access-control';
import { jsonBodyMiddleware } from './json-body';
import { openApiDocument } from './openapi-document';

/**
 * Express-level settings of the API: API keys, body parsing with problem errors, Swagger UI at /docs.
 * `observability`: the process's logger and metrics, for the status GET answered ahead of Express.
 */
export function configureHttp(app: INestApplication, observability: { logger: Logger; metrics: TrawlMetrics }): void {
  // API keys first: a client without one learns nothing, and its body is never parsed.
  // Image uploads next: their bodies are read (and bounded) before the JSON parser's 16 KiB limit applies.
  // Batch JSON bodies too (4 MiB); batch uploads are left unread, to be streamed by their controller.
  app.use(app.get(AccessControl).middleware, app.get(UploadBodyReader).middleware, batchBodyMiddleware, ...jsonBodyMiddleware());
  const express = app.getHttpAdapter().getInstance();
  express.disable('x-powered-by');
  express.set('query parser', 'simple');
  // The status poll, the hottest call, ahead of Express and Nest's router (see the route).
  mountGetTaskRoute(app, observability);
  SwaggerModule.setup('docs', app, openApiDocument() as never, { jsonDocumentUrl: 'docs/openapi.json' });
}
