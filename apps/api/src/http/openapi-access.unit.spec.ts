import { openApiDocument } from './openapi-document';

type Operation = { security?: unknown[]; responses: Record<string, { headers?: Record<string, unknown> }> };

describe('OpenAPI document: access control', () => {
  const document = openApiDocument() as unknown as {
    security: unknown[];
    paths: Record<string, Record<string, Operation>>;
    components: { securitySchemes: Record<string, { type: string; scheme?: string; in?: string; name?: string }> };
  };
  const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));

  it('declares both ways to present a key, and that keys are optional', () => {
    expect(document.components.securitySchemes).toEqual({
      bearerKey: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      headerKey: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }),
    });
    expect(document.security).toEqual([{ bearerKey: [] }, { headerKey: [] }, {}]);
  });

  it('documents a 401 with its challenge on every operation but the probes, which need no key', () => {
    for (const { path, method, operation } of operations) {
      const open = path === '/health' || path === '/ready' || path === '/metrics';
      expect({ path, method, open: operation.security?.length === 0, has401: '401' in operation.responses }).toEqual({ path, method, open, has401: !open });
      if (!open) expect(operation.responses['401'].headers).toHaveProperty('WWW-Authenticate');
    }
  });

  it('documents the rate limit of task creation', () => {
    const create = document.paths['/api/v1/tasks'].post;
    expect(create.responses['429'].headers).toHaveProperty('Retry-After');
    expect(create.responses['202'].headers).toHaveProperty('RateLimit-Remaining');
  });
});
