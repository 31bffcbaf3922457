import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { AccessControl } from './access/access-control';
import { jsonBodyMiddleware } from './json-body';
import { openApiDocument } from './openapi-document';

/** Express-level settings of the API: API keys, body parsing with problem errors, Swagger UI at /docs. */
export function configureHttp(app: INestApplication): void {
  // API keys first: a client without one learns nothing, and its body is never parsed.
  app.use(app.get(AccessControl).middleware, ...jsonBodyMiddleware());
  const express = app.getHttpAdapter().getInstance();
  express.disable('x-powered-by');
  express.set('query parser', 'simple');
  SwaggerModule.setup('docs', app, openApiDocument() as never, { jsonDocumentUrl: 'docs/openapi.json' });
}
