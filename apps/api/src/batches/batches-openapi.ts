import { z } from 'zod';
import { rateLimitHeaders } from '../http/openapi-access';
import { requestBatchBody } from './request-batch/request-batch.body';

type ProblemResponse = (description: string) => object;

const json = (schema: object, description: string) => ({ description, content: { 'application/json': { schema } } });
const batchIdParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const limit = (max: number, fallback: number) => ({ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: max, default: fallback } });
const cursor = { name: 'cursor', in: 'query', description: 'From `links.next` of the previous page', schema: { type: 'string' } };
const nextLink = { type: ['string', 'null'], description: 'The next page, null on the last' };
const uploadFlag = (name: string, description: string) => ({ name, in: 'query', description: `${description} (uploads; a JSON body says it in the body)`, schema: { enum: ['true', 'false'] } });

/** The batch endpoints of the OpenAPI document. */
export function batchPaths(problemResponse: ProblemResponse) {
  const unknown = problemResponse('Unknown batch');
  // Retention (ADR 0009): a batch whose tasks all expired.
  const gone = problemResponse('`expired`: every task of the batch expired (its expiresAt passed, or TRAWL_RETENTION_DAYS); their data is removed');
  return {
    '/api/v1/batches': {
      post: {
        summary: 'Order many pages at once: one task per distinct URL; counts as one request for the rate limit',
        parameters: [
          { name: 'collect', in: 'query', description: 'Comma-separated text,images (uploads)', schema: { type: 'string' } },
          uploadFlag('respectRobots', "Honour the sites' robots.txt"),
          uploadFlag('strict', 'Refuse the whole batch when any line is bad'),
          { name: 'webhook', in: 'query', description: "Where trawl POSTs the batch's final status, signed (uploads; a JSON body says it in `webhook`)", schema: { type: 'string' } },
          { name: 'webhookEvents', in: 'query', description: 'final (the default), or final,progress for coalesced progress reports too (uploads, with webhook)', schema: { type: 'string' } },
          { name: 'expiresAt', in: 'query', description: 'When the batch and its tasks may be removed (retention): an ISO 8601 date-time with a zone, in the future (uploads; a JSON body says it in `expiresAt`)', schema: { type: 'string', format: 'date-time' } },
          { name: 'thumbnails', in: 'query', description: 'Comma-separated thumbnail widths every task makes as its images are stored, e.g. 256,128 (uploads; a JSON body says it in `thumbnails`)', schema: { type: 'string' } },
          { name: 'thumbnailFormat', in: 'query', description: "jpeg, png, webp or avif for each of `thumbnails`; absent: the source's own", schema: { enum: ['jpeg', 'png', 'webp', 'avif'] } },
          { name: 'thumbnailQuality', in: 'query', description: "Encoder quality for each of `thumbnails` (not png); absent: the format's default", schema: { type: 'integer', minimum: 1, maximum: 100 } },
          { name: 'textMode', in: 'query', description: 'full (the default) or main: how every task cuts its text (uploads; a JSON body says it in `text.mode`)', schema: { enum: ['full', 'main'] } },
          { name: 'textFormat', in: 'query', description: 'text (the default) or markdown: Markdown too (uploads; a JSON body says it in `text.format`)', schema: { enum: ['text', 'markdown'] } },
          uploadFlag('respectOptOuts', "Honour the sites' AI opt-outs (default true)"),
          uploadFlag('reuse', "Record each page from an earlier task's download of its URL when possible (default false; ADR 0012)"),
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: z.toJSONSchema(requestBatchBody, { io: 'input' }) },
            'text/plain': { schema: { type: 'string', description: 'One URL a line; blank lines and lines starting with # are skipped; streamed, up to TRAWL_BATCH_MAX_URLS' } },
            'application/x-ndjson': { schema: { type: 'string', description: 'One {"url": "…"} object a line; streamed, up to TRAWL_BATCH_MAX_URLS' } },
          },
        },
        responses: {
          202: { ...json({ $ref: '#/components/schemas/BatchAccepted' }, 'Accepted; follow Location for the status'), headers: { Location: { schema: { type: 'string' } }, ...rateLimitHeaders } },
          400: problemResponse('No valid URL, a malformed body, or (strict) a bad line: `errors` lists them by line; `webhook-url-refused`: the webhook URL is not http(s) or its address is blocked by the network policy; `webhook-not-configured`: a webhook is used but the server has no TRAWL_WEBHOOK_SECRET'),
          413: problemResponse('More URLs than allowed, or a JSON body over 4 MiB'),
          415: problemResponse('Neither JSON, text/plain nor NDJSON'),
        },
      },
      get: {
        summary: 'Batches, newest first, a page at a time',
        parameters: [limit(500, 50), cursor],
        responses: {
          200: json({ type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Batch' } }, next: { type: ['string', 'null'] }, links: { type: 'object', properties: { next: nextLink } } } }, 'A page of batches'),
          400: problemResponse('Bad parameters'),
        },
      },
    },
    '/api/v1/batches/{id}': {
      get: { summary: 'A batch: status and counts, kept current by the projector', parameters: [batchIdParam], responses: { 200: json({ $ref: '#/components/schemas/Batch' }, 'The batch'), 404: unknown, 410: gone } },
      delete: {
        summary: 'Cancel what has not finished: released tasks are cancelled, the rest never starts',
        parameters: [batchIdParam],
        responses: { 202: json({ $ref: '#/components/schemas/Batch' }, 'Cancelled'), 404: unknown, 409: problemResponse('Already completed or cancelled') },
      },
    },
    '/api/v1/batches/{id}/tasks': {
      get: {
        summary: "The batch's released tasks in request order, optionally of one status, a page at a time",
        parameters: [batchIdParam, { name: 'status', in: 'query', schema: { enum: ['queued', 'running', 'completed', 'failed', 'cancelled', 'expired'] } }, limit(500, 50), cursor],
        responses: {
          200: json({ type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Task' } }, next: { type: ['string', 'null'] }, links: { type: 'object', properties: { next: nextLink } } } }, 'A page of tasks'),
          400: problemResponse('Bad parameters'),
          404: unknown,
          410: gone,
        },
      },
    },
    '/api/v1/batches/{id}/progress': {
      get: {
        summary: "The batch's status and counts as Server-Sent Events: `progress` messages (coalesced), then one `final` when it ended; resumable with Last-Event-ID",
        parameters: [batchIdParam],
        responses: {
          200: { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } },
          404: unknown,
          503: problemResponse('Too many open streams; retry later'),
        },
      },
    },
    '/api/v1/batches/{id}/results': {
      get: {
        summary: 'Each URL with its status, text link and stored images: NDJSON streamed in submission order, or ?format=json paged',
        parameters: [
          batchIdParam, { name: 'format', in: 'query', schema: { enum: ['ndjson', 'json'], default: 'ndjson' } }, limit(1000, 100), cursor,
          {
            name: 'nearDuplicates', in: 'query', schema: { enum: ['flag', 'exclude'] },
            description: "Judge each stored image against every earlier image of the batch (in result order) by perceptual hash, within TRAWL_NEAR_DUPLICATE_DISTANCE bits: `flag` adds `nearDuplicateOf` to each image, `exclude` leaves the near-duplicates out. Absent: images are not judged. A page that starts later reads the entries before it too.",
          },
        ],
        responses: {
          200: {
            description: 'The results',
            content: {
              'application/x-ndjson': { schema: { $ref: '#/components/schemas/BatchResult' } },
              'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/BatchResult' } }, links: { type: 'object', properties: { next: nextLink } } } } },
            },
          },
          400: problemResponse('Bad parameters'),
          404: unknown,
          410: gone,
        },
      },
    },
  };
}

const count = { type: 'integer', minimum: 0 };

export const batchSchemas = {
  Batch: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      status: { enum: ['queued', 'running', 'completed', 'cancelled', 'expired'] },
      expiresAt: { type: 'string', format: 'date-time', description: "The batch's expiresAt (its tasks inherit it); absent when it has none" },
      collect: { type: 'array', items: { enum: ['text', 'images'] } },
      respectRobots: { type: 'boolean' },
      counts: {
        type: 'object',
        properties: {
          tasks: { type: 'object', description: 'URLs not released yet count as queued (cancelled after a cancel)', properties: { total: count, queued: count, running: count, completed: count, failed: count, cancelled: count } },
          images: { type: 'object', properties: { found: count, stored: count, failed: count } },
          bytesStored: { ...count, description: 'Bytes of the stored images and texts of the batch' },
        },
      },
      duplicates: count, rejected: count,
      createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' },
      completedAt: { type: ['string', 'null'], format: 'date-time' },
      links: { type: 'object', additionalProperties: { type: 'string' } },
    },
  },
  BatchAccepted: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' }, status: { const: 'queued' }, createdAt: { type: 'string', format: 'date-time' },
      accepted: { ...count, description: 'Distinct valid URLs: one task each' },
      duplicates: { ...count, description: 'Valid lines whose URL was already in the batch' },
      rejectedCount: { ...count, description: 'Bad lines, all counted' },
      rejected: { type: 'array', description: 'The first 1,000 bad lines', items: { type: 'object', properties: { line: { type: 'integer' }, url: { type: ['string', 'null'] }, reason: { type: 'string' } } } },
      links: { type: 'object', additionalProperties: { type: 'string' } },
    },
  },
  BatchResult: {
    type: 'object',
    properties: {
      url: { type: 'string' }, line: { type: 'integer' }, taskId: { type: 'string', format: 'uuid' },
      status: { enum: ['queued', 'running', 'completed', 'failed', 'cancelled'] },
      text: { type: ['string', 'null'], description: 'Where the text is, when stored' },
      images: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            id: { type: 'string' }, sourceUrl: { type: 'string' }, sha256: { type: 'string' }, url: { type: 'string' },
            nearDuplicateOf: {
              type: ['object', 'null'], properties: { taskId: { type: 'string', format: 'uuid' }, imageId: { type: 'string' } },
              description: 'With ?nearDuplicates=flag: the earliest image of the batch this one nearly duplicates, or null',
            },
          },
        },
      },
    },
  },
};
