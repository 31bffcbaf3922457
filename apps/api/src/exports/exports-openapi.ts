import { z } from 'zod';
import { requestExportBody } from './request-export/request-export.body';

type ProblemResponse = (description: string) => object;

const json = (schema: object, description: string) => ({ description, content: { 'application/json': { schema } } });
const idParam = (what: string) => ({ name: 'id', in: 'path', required: true, description: `The ${what}'s id`, schema: { type: 'string', format: 'uuid' } });
const exportView = { $ref: '#/components/schemas/Export' };

function requestExport(kind: 'batch' | 'task', problemResponse: ProblemResponse) {
  return {
    summary: `Export a finished ${kind} as WebDataset shards, a Parquet file or a zip (built once, content-addressed)`,
    parameters: [idParam(kind)],
    requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(requestExportBody, { io: 'input' }) } } },
    responses: {
      202: { ...json(exportView, 'A new export: the exporter builds it; follow Location'), headers: { Location: { schema: { type: 'string' } } } },
      200: { ...json(exportView, 'The same export (same source, format and options) was requested before: served as it is'), headers: { Location: { schema: { type: 'string' } } } },
      400: problemResponse('A bad format or option: `errors` names the field'),
      404: problemResponse(`Unknown ${kind}`),
      409: problemResponse(`\`not-final\`: the ${kind} is still collecting; wait for its end (or follow its /progress) and ask again`),
      410: problemResponse(`\`expired\`: the ${kind} expired (retention); there is nothing to export`),
      415: problemResponse('Not JSON'),
    },
  };
}

/** The export endpoints of the OpenAPI document. */
export function exportPaths(problemResponse: ProblemResponse) {
  return {
    '/api/v1/batches/{id}/exports': { post: requestExport('batch', problemResponse) },
    '/api/v1/tasks/{id}/exports': { post: requestExport('task', problemResponse) },
    '/api/v1/exports/{id}': {
      get: {
        summary: "An export's status, progress and files (read from its events)",
        parameters: [idParam('export')],
        responses: { 200: json(exportView, 'The export'), 404: problemResponse('Unknown export') },
      },
    },
    '/api/v1/exports/{id}/files/{name}': {
      get: {
        summary: 'One file of a ready export, streamed from the blob store (ETag = its sha256, Range, attachment)',
        parameters: [idParam('export'), { name: 'name', in: 'path', required: true, schema: { type: 'string' }, description: 'As listed in `files`' }],
        responses: {
          200: { description: 'The file', content: { 'application/x-tar': {}, 'application/vnd.apache.parquet': {}, 'application/zip': {}, 'application/json': {} } },
          206: { description: 'The requested byte range' },
          304: { description: 'Not modified (If-None-Match)' },
          404: problemResponse('Unknown export or file'),
          409: problemResponse('`export-not-ready`: the export is not built yet'),
          416: problemResponse('The range selects nothing'),
        },
      },
    },
  };
}

export const exportSchemas = {
  Export: {
    type: 'object',
    required: ['id', 'status', 'format', 'source', 'progress', 'files', 'error', 'createdAt', 'updatedAt'],
    properties: {
      id: { type: 'string', format: 'uuid', description: 'Derived from source, format and options: the same request names the same export' },
      status: { enum: ['queued', 'building', 'ready', 'failed'] },
      format: { enum: ['webdataset', 'parquet', 'zip'] },
      source: { type: 'object', properties: { kind: { enum: ['batch', 'task'] }, id: { type: 'string', format: 'uuid' } } },
      options: { type: 'object', properties: { imageSize: { type: 'integer' }, shardSize: { type: 'integer' } } },
      progress: { type: 'object', properties: { samples: { type: 'integer' }, totalSamples: { type: ['integer', 'null'] } } },
      files: {
        type: 'array',
        items: { type: 'object', properties: { name: { type: 'string' }, bytes: { type: 'integer' }, sha256: { type: 'string' }, url: { type: 'string', description: 'GET it to download' } } },
      },
      error: { type: ['object', 'null'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
};
