import { z } from 'zod';
import { textOptionsField } from '../tasks/request-task/text-options-field';
import { requestTaskBody } from '../tasks/request-task/request-task.body';
import { apiKeySecurity, rateLimitHeaders, rateLimitedResponse, securitySchemes, withUnauthorized } from './openapi-access';
import { imagePaths, imageResponses, imageSchemas, variantParameters } from '../images/images-openapi';
import { batchPaths, batchSchemas } from '../batches/batches-openapi';
import { exportPaths, exportSchemas } from '../exports/exports-openapi';

const problem = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: problem } } });
const json = (schema: object, description: string) => ({ description, content: { 'application/json': { schema } } });
const taskIdParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
/** Retention (ADR 0009): what an expired task answers. */
const goneResponse = (problemOf: (description: string) => object) => problemOf('`expired`: the task expired (its expiresAt passed, or TRAWL_RETENTION_DAYS after it ended); its read models and unshared blobs are removed');
const errorInfo = { type: ['object', 'null'], properties: { code: { type: 'string' }, message: { type: 'string' } } };
/** The data of each message of GET /api/v1/tasks/{id}/progress (inline in the event schema, so that validators need no $ref there). */
const taskProgressSchema = {
  type: 'object',
  required: ['id', 'status', 'progress', 'error'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    status: { enum: ['queued', 'running', 'completed', 'failed', 'cancelled', 'expired'] },
    progress: {
      type: 'object',
      required: ['imagesFound', 'imagesStored', 'imagesFailed'],
      properties: { imagesFound: { type: 'integer' }, imagesStored: { type: 'integer' }, imagesFailed: { type: 'integer' } },
    },
    error: errorInfo,
  },
};

/** The OpenAPI 3.1 description of the REST API, served at /openapi.json and rendered at /docs. */
export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'trawl',
      version: '1',
      description: 'Collects the text and images of web pages. Errors are RFC 9457 problem details. The webhook payloads and the Kafka messages trawl publishes are described by AsyncAPI 3.0 in docs/asyncapi.yaml.',
    },
    security: apiKeySecurity,
    paths: withUnauthorized({
      '/api/v1/tasks': {
        post: {
          summary: 'Order the text and/or images of a page',
          requestBody: { required: true, content: { 'application/json': { schema: taskRequestSchema() } } },
          responses: {
            202: { ...json({ $ref: '#/components/schemas/Task' }, 'Accepted; follow Location for the status'), headers: { Location: { schema: { type: 'string' } }, ...rateLimitHeaders } },
            400: problemResponse('Malformed body, a URL that is not absolute http(s), or an unknown collect value; `webhook-url-refused`: the webhook URL is not http(s) or its address is blocked by the network policy (TRAWL_ALLOW_PRIVATE); `webhook-not-configured`: a webhook is used but the server has no TRAWL_WEBHOOK_SECRET'),
            413: problemResponse('Body too large'),
            415: problemResponse('Not application/json'),
            429: rateLimitedResponse,
          },
        },
        get: {
          summary: 'List tasks, newest first',
          description: 'A page at a time: follow `links.next` (or the `Link` header with rel="next") until it is null.',
          parameters: [
            { name: 'status', in: 'query', description: 'Only tasks in this status', schema: { enum: ['queued', 'running', 'completed', 'failed', 'cancelled', 'expired'] } },
            { name: 'limit', in: 'query', description: 'Tasks per page', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
            { name: 'cursor', in: 'query', description: 'Where the page starts: the `next` of the previous page', schema: { type: 'string', maxLength: 512 } },
          ],
          responses: {
            200: {
              ...json({
                type: 'object',
                properties: {
                  items: { type: 'array', items: { $ref: '#/components/schemas/Task' } },
                  next: { type: ['string', 'null'], description: 'The cursor of the next page; null on the last' },
                  links: {
                    type: 'object',
                    properties: { next: { type: ['string', 'null'], description: 'URL of the next page (same status and limit), e.g. /api/v1/tasks?limit=50&cursor=…; null on the last' } },
                  },
                },
              }, 'A page of tasks'),
              headers: { Link: { description: 'RFC 8288 `<url of the next page>; rel="next"`; absent on the last page', schema: { type: 'string' } } },
            },
            400: problemResponse('Bad query parameter'),
          },
        },
      },
      '/api/v1/tasks/{id}': {
        get: { summary: 'A task and its status', parameters: [taskIdParam], responses: { 200: json({ $ref: '#/components/schemas/Task' }, 'The task'), 404: problemResponse('Unknown task'), 410: goneResponse(problemResponse) } },
        delete: {
          summary: 'Cancel a task that has not finished',
          parameters: [taskIdParam],
          responses: { 202: json({ $ref: '#/components/schemas/Task' }, 'Cancelled'), 404: problemResponse('Unknown task'), 409: problemResponse('Already finished') },
        },
      },
      '/api/v1/tasks/{id}/text': {
        get: {
          summary: "The page's text (UTF-8), plain or Markdown; supports Range and ETag",
          description: 'Plain text by default; Markdown with `?format=markdown` or `Accept: text/markdown` (when the task, or its last extraction, asked for it). After a re-extraction, the newest text.',
          parameters: [taskIdParam, { name: 'format', in: 'query', schema: { enum: ['text', 'markdown'] } }],
          responses: {
            200: { description: 'The text', content: { 'text/plain; charset=utf-8': { schema: { type: 'string' } }, 'text/markdown; charset=utf-8': { schema: { type: 'string' } } } },
            206: { description: 'A byte range of the text' },
            400: problemResponse('A format other than text or markdown'),
            404: problemResponse('Unknown task, or the task did not collect text'),
            409: problemResponse('The text is not collected yet; `markdown-not-extracted`: no Markdown was made for this task'),
            410: goneResponse(problemResponse),
          },
        },
      },
      '/api/v1/tasks/{id}/extractions': {
        post: {
          summary: "Cut the task's text again from its stored page, without fetching it",
          description: 'Runs the current extractor on the HTML kept with the page (TRAWL_KEEP_HTML) and appends a TextExtracted event (numbered; it records the extractor version). GET …/text serves the new text; the earlier ones stay in the events.',
          parameters: [taskIdParam],
          requestBody: { required: false, content: { 'application/json': { schema: z.toJSONSchema(textOptionsField, { io: 'input' }) } } },
          responses: {
            201: json({ type: 'object', properties: { taskId: { type: 'string' }, version: { type: 'integer' }, mode: { enum: ['full', 'main'] }, format: { enum: ['text', 'markdown'] }, extractor: { type: 'string' }, title: { type: ['string', 'null'] }, text: { type: 'object' }, markdown: { type: ['object', 'null'] }, extractedAt: { type: 'string' } } }, 'Extracted; Location is the text'),
            400: problemResponse('An unknown mode or format'),
            404: problemResponse('Unknown task'),
            409: problemResponse('`page-not-fetched`: nothing to extract from yet; `html-not-kept`: the page was fetched with TRAWL_KEEP_HTML=false'),
            422: problemResponse('`extraction-failed`: the extractor gave up on this page (time or memory limit)'),
            410: goneResponse(problemResponse),
          },
        },
      },
      '/api/v1/tasks/{id}/images': {
        get: {
          summary: "The task's images in document order",
          description: 'A page at a time: follow `links.next` (or the `Link` header with rel="next") until it is null.',
          parameters: [
            taskIdParam,
            { name: 'status', in: 'query', description: 'Only images with this outcome', schema: { enum: ['pending', 'stored', 'failed'] } },
            { name: 'nearDuplicates', in: 'query', description: '`flag` (default): mark near-duplicates with `nearDuplicateOf`; `exclude`: leave them out', schema: { enum: ['flag', 'exclude'] } },
            { name: 'limit', in: 'query', description: 'Images per page', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
            { name: 'cursor', in: 'query', description: 'Where the page starts: the `next` of the previous page', schema: { type: 'string', maxLength: 512 } },
          ],
          responses: {
            200: {
              ...json({
                type: 'object',
                properties: {
                  items: { type: 'array', items: { $ref: '#/components/schemas/Image' } },
                  next: { type: ['string', 'null'], description: 'The cursor of the next page; null on the last' },
                  links: {
                    type: 'object',
                    properties: { next: { type: ['string', 'null'], description: 'URL of the next page (same status and limit), e.g. /api/v1/tasks/{id}/images?limit=100&cursor=…; null on the last' } },
                  },
                },
              }, 'A page of images'),
              headers: { Link: { description: 'RFC 8288 `<url of the next page>; rel="next"`; absent on the last page', schema: { type: 'string' } } },
            },
            400: problemResponse('Bad query parameter'),
            404: problemResponse('Unknown task'),
            410: goneResponse(problemResponse),
          },
        },
      },
      '/api/v1/tasks/{id}/images/{imageId}': {
        get: {
          summary: "An image's bytes (Range, ETag), a variant of them made once and kept, or either as JSON with base64 data",
          parameters: [taskIdParam, { name: 'imageId', in: 'path', required: true, schema: { type: 'string' } }, ...variantParameters],
          responses: {
            ...imageResponses(problemResponse, 'Unknown task or image'),
            409: problemResponse('The image is not stored (pending or failed)'),
            410: goneResponse(problemResponse),
          },
        },
      },
      '/api/v1/tasks/{id}/progress': {
        get: {
          summary: "The task's live progress as Server-Sent Events",
          description: [
            'A `text/event-stream`: an `event: progress` message each time the status or counts change (polled every 250 ms, at most about four messages a second: changes in between are coalesced into the next), each with `id: <revision>` and `data:` a TaskProgress JSON object; then one `event: final` message with the final status, and the server ends the stream.',
            'A comment line (`: heartbeat`) is sent after 15 s without a message.',
            'Resuming: send `Last-Event-ID` (EventSource does); the current state is sent at once if it is newer than that id. Nothing older is replayed: a client that was away gets the latest state, not the steps it missed.',
            'A reconnect after the final message gets the final message again, then the end: close the EventSource on `final`, or a browser reconnects forever.',
            'Each process serves at most TRAWL_SSE_MAX_STREAMS streams (default 1000); past it, 503 `too-many-streams` with Retry-After.',
          ].join('\n\n'),
          parameters: [
            taskIdParam,
            { name: 'Last-Event-ID', in: 'header', description: 'The `id` of the last message received, to resume', schema: { type: 'string', pattern: '^[0-9]+$' } },
          ],
          responses: {
            200: {
              description: 'The stream; each message\'s `data` is a TaskProgress',
              headers: { 'Cache-Control': { schema: { const: 'no-cache' } }, 'X-Accel-Buffering': { schema: { const: 'no' } } },
              content: {
                'text/event-stream': {
                  // OpenAPI 3.1 (before 3.2's itemSchema): `schema` describes each event of the stream.
                  schema: {
                    type: 'object',
                    description: 'One message: id (the revision), event (progress, or final for the last), data (a TaskProgress as JSON)',
                    required: ['id', 'event', 'data'],
                    properties: {
                      id: { type: 'string', pattern: '^[0-9]+$' },
                      event: { enum: ['progress', 'final'] },
                      data: { type: 'string', contentMediaType: 'application/json', contentSchema: taskProgressSchema },
                    },
                  },
                  examples: {
                    progress: {
                      summary: 'id: 14, event: progress, data: {…}',
                      value: { id: '14', event: 'progress', data: '{"id":"0b7f2a4e-3c1d-4e5f-8a9b-1c2d3e4f5a6b","status":"running","progress":{"imagesFound":40,"imagesStored":12,"imagesFailed":0},"error":null}' },
                    },
                  },
                },
              },
            },
            404: problemResponse('Unknown task'),
            503: problemResponse('Too many progress streams on this process (`too-many-streams`), or it is shutting down; retry after Retry-After'),
          },
        },
      },
      '/api/v1/tasks/{id}/events': {
        get: { summary: "The task's events in order (audit trail)", parameters: [taskIdParam], responses: { 200: json({ type: 'object' }, 'Events'), 404: problemResponse('Unknown task') } },
      },
      ...imagePaths(problemResponse),
      ...batchPaths(problemResponse),
      ...exportPaths(problemResponse),
      '/health': { get: { summary: 'Liveness', security: [], responses: { 200: json({ type: 'object' }, 'Alive') } } },
      '/ready': { get: { summary: 'Readiness: every dependency answers', security: [], responses: { 200: json({ type: 'object' }, 'Ready'), 503: json({ type: 'object' }, 'Not ready') } } },
      '/metrics': { get: { summary: 'Prometheus metrics (text exposition format)', security: [], responses: { 200: { description: 'Metrics', content: { 'text/plain': { schema: { type: 'string' } } } } } } },
    }),
    components: {
      securitySchemes,
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail', 'code'],
          properties: {
            type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' },
            instance: { type: 'string' }, code: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
        Task: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' }, url: { type: 'string' }, collect: { type: 'array', items: { enum: ['text', 'images'] } },
            respectRobots: { type: 'boolean', description: "Whether the task honours the site's robots.txt" },
            status: {
              enum: ['queued', 'running', 'completed', 'failed', 'cancelled', 'expired'],
              description:
                'queued until its page job has worked on it for half a second (a quicker page goes straight to its result, or to running while its images are fetched), or failed an attempt that will be retried; running from then until it ends',
            },
            progress: { type: 'object', properties: { imagesFound: { type: 'integer' }, imagesStored: { type: 'integer' }, imagesFailed: { type: 'integer' } } },
            error: {
              ...errorInfo,
              description: 'Why the task failed: a stable code (e.g. page-too-large, page-timeout, parse-timeout, blocked-address, not-html) and a message',
            },
            warnings: {
              type: 'array',
              description: 'Limits the task hit without failing. `too-many-images`: the page references more images than TRAWL_MAX_IMAGES_PER_PAGE; only the first ones are collected.',
              items: { type: 'object', properties: { code: { type: 'string', examples: ['too-many-images'] }, message: { type: 'string' } } },
            },
            title: { type: ['string', 'null'] }, finalUrl: { type: ['string', 'null'] },
            text: { type: ['object', 'null'], properties: { bytes: { type: 'integer' }, sha256: { type: 'string' }, url: { type: 'string' } } },
            markdown: { type: ['object', 'null'], description: 'The Markdown form, when asked for', properties: { bytes: { type: 'integer' }, sha256: { type: 'string' }, url: { type: 'string' } } },
            metadata: {
              type: ['object', 'null'],
              description: 'What the page says about itself (meta, Open Graph, JSON-LD) and the language detected in its text; null fields when silent',
              properties: Object.fromEntries(['title', 'description', 'canonicalUrl', 'lang', 'detectedLanguage', 'author', 'publishedAt', 'siteName', 'license'].map((key) => [key, { type: ['string', 'null'] }]).concat([['languageConfidence', { type: ['number', 'null'] }]])),
            },
            extraction: {
              type: ['object', 'null'],
              description: 'How the current text was cut: mode, format, extractor version, and which extraction (1: with the fetch)',
              properties: { mode: { enum: ['full', 'main'] }, format: { enum: ['text', 'markdown'] }, extractor: { type: 'string' }, version: { type: 'integer' } },
            },
            reusedFrom: {
              type: 'object',
              description: "Set when the task asked for `reuse` and made no download of its own: whose download of the page it recorded (within TRAWL_REUSE_MAX_AGE, or confirmed unchanged by a conditional GET, or made by another task at the same moment), and when that was; absent otherwise",
              properties: { taskId: { type: 'string', format: 'uuid' }, fetchedAt: { type: 'string', format: 'date-time' } },
            },
            expiresAt: { type: 'string', format: 'date-time', description: "When the task's data may be removed (its own expiresAt, or its batch's); absent when it has none" },
            expiredAt: { type: 'string', format: 'date-time', description: 'When the sweeper expired it (status expired; the task itself then answers 410 Gone)' },
            createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' },
            links: {
              type: 'object',
              description: 'Where to read more: `self`, `events`, and `text` / `images` only when the task collects them',
              additionalProperties: { type: 'string' },
            },
          },
        },
        TaskProgress: taskProgressSchema,
        ...imageSchemas,
        ...batchSchemas,
        ...exportSchemas,
        Image: {
          type: 'object',
          properties: {
            id: { type: 'string' }, sourceUrl: { type: 'string' }, status: { enum: ['pending', 'stored', 'failed'] },
            sha256: { type: ['string', 'null'] }, contentType: { type: ['string', 'null'] }, width: { type: ['integer', 'null'] },
            height: { type: ['integer', 'null'] }, bytes: { type: ['integer', 'null'] },
            error: {
              ...errorInfo,
              description: 'Why the image failed: a stable code (e.g. image-too-large, image-too-many-pixels, truncated-image, not-an-image, image-timeout) and a message',
            },
            via: { type: ['string', 'null'], description: 'Where the page referenced it: img-src, srcset, picture-source, data-src, style-attr, og-image, task-url (the task URL answered with this image), …' },
            context: {
              type: ['object', 'null'],
              description: 'What the page says about the image (image–text pairs): alt (kept when empty), title, the figcaption of its figure, the nearest heading before it, up to 300 characters of text around it, and its declared width/height',
              properties: {
                alt: { type: ['string', 'null'] }, title: { type: ['string', 'null'] }, caption: { type: ['string', 'null'] }, heading: { type: ['string', 'null'] },
                nearbyText: { type: ['string', 'null'] }, width: { type: ['number', 'null'], description: 'declared width attribute' }, height: { type: ['number', 'null'], description: 'declared height attribute' },
              },
            },
            perceptualHash: { type: ['string', 'null'], description: '64-bit pHash as 16 hex digits (images up to 16 MiB); null when not computed' },
            nearDuplicateOf: { type: ['string', 'null'], description: 'The id of an earlier image of the task within TRAWL_NEAR_DUPLICATE_DISTANCE bits of this one' },
            thumbnails: {
              type: 'array',
              description: 'Thumbnails made as the image was stored (the task option `thumbnails`), served from the store',
              items: {
                type: 'object',
                properties: {
                  width: { type: 'integer' }, sha256: { type: 'string' }, bytes: { type: 'integer' }, contentType: { type: 'string' },
                  quality: { type: 'integer', description: 'The encoder quality it was made with; absent for PNG (and for thumbnails made before it was recorded: the default)' },
                  url: { type: 'string', description: 'The variant GET that serves exactly these bytes: …/images/{imageId}?width=N&format=F[&quality=Q]' },
                },
              },
            },
            reusedFrom: {
              type: ['object', 'null'],
              description: 'Set when no download was made for this task: the image URL was stored by another task (within TRAWL_REUSE_MAX_AGE, or confirmed unchanged by a conditional GET) or downloaded by another task at the same time',
              properties: { taskId: { type: 'string' }, imageId: { type: 'string' }, fetchedAt: { type: 'string', format: 'date-time' } },
            },
            url: { type: ['string', 'null'] },
          },
        },
      },
    },
  };
}

/**
 * The request body's JSON Schema from its zod schema, plus what JSON Schema can say of the URL check
 * (a `uri` starting http(s)://), so that generated requests (docs, fuzzers) are mostly acceptable.
 */
function taskRequestSchema() {
  const schema = z.toJSONSchema(requestTaskBody, { io: 'input' }) as { properties: Record<string, object> };
  const url = { ...schema.properties.url, format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[^/?#@]+', examples: ['https://example.org/'] };
  const collect = { ...schema.properties.collect, uniqueItems: true };
  const expiresAt = { ...schema.properties.expiresAt, format: 'date-time', description: 'When the data may be removed (retention): after it, once the task is final, its read models and unshared blobs are removed and the task answers 410 Gone. An ISO 8601 date-time with a zone, in the future' };
  return { ...schema, properties: { ...schema.properties, url, collect, expiresAt } };
}
