import { z } from 'zod';
import { webhookOption } from '../webhooks/webhook-option';
import { taskBlobsReleased, taskExpired } from '../retention/retention-events';

/**
 * Every event of a task's stream, version 1. Schemas are the documentation: each field says what it
 * means, and the AsyncAPI/OpenAPI documents are generated from these. Events carry references to blobs
 * (SHA-256), never bytes. A breaking change adds a new `schemaVersion` and an upcaster.
 */
export const collectKind = z.enum(['text', 'images']);
export const errorInfo = z.object({
  code: z.string().describe('Stable, machine-readable error code'),
  message: z.string().describe('Human-readable explanation'),
});
const isoTime = z.string().describe('ISO 8601 timestamp');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/).describe('Lower-case hex SHA-256 of a stored blob');

/** How a page's text is cut (issue 13): everything a reader sees (`full`) or the main content only (`main`), as plain text or also as Markdown. */
export const textOptions = z.object({
  mode: z.enum(['full', 'main']).default('full'),
  format: z.enum(['text', 'markdown']).default('text'),
});
const blobRef = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int() });
/** What a page says about itself (meta, Open Graph, JSON-LD) and the language detected in its text; null fields when silent. */
export const pageMetadata = z.object({
  title: z.string().nullable(),
  description: z.string().nullable(),
  canonicalUrl: z.string().nullable(),
  lang: z.string().nullable(),
  detectedLanguage: z.string().nullable(),
  languageConfidence: z.number().nullable(),
  author: z.string().nullable(),
  publishedAt: z.string().nullable(),
  siteName: z.string().nullable(),
  license: z.string().nullable(),
});

/**
 * One thumbnail a task asks for (ADR 0007): a width (the source's own format, as events written before
 * formats existed hold), or a width with an output format and quality (`GET …/images/{id}`'s own).
 */
export const thumbnailOption = z.union([
  z.number().int().min(1).max(4096),
  z.object({
    width: z.number().int().min(1).max(4096),
    format: z.enum(['jpeg', 'png', 'webp', 'avif']).optional().describe("Output format; absent: the source's own (PNG for GIF, SVG, TIFF, BMP, ICO)"),
    quality: z.number().int().min(1).max(100).optional().describe("Encoder quality (JPEG, WebP, AVIF); absent: the format's default"),
  }),
]);
export type ThumbnailOption = z.infer<typeof thumbnailOption>;

export const taskRequested = z.object({
  taskId: z.string(),
  url: z.string().describe('The page to collect, absolute http(s)'),
  collect: z.array(collectKind).min(1),
  requestedAt: isoTime,
  respectRobots: z
    .boolean()
    .optional()
    .describe("Honour the site's robots.txt for the page and its images; absent (events written before the field existed) means true"),
  text: textOptions.optional().describe('How the text is extracted; absent: full text, plain'),
  batchId: z.string().optional().describe('The batch the task belongs to (requested by the relay when the batch released it); absent for a task of its own'),
  webhook: webhookOption
    .optional()
    .describe("Where the notifier POSTs the task's final status (and progress, when asked): the task's own webhook or the server default (TRAWL_WEBHOOK_URL); absent: none"),
  respectOptOuts: z
    .boolean()
    .optional()
    .describe("Honour the sites' AI opt-outs (X-Robots-Tag noai/noimageai, meta robots, TDMRep) for the page and its images; absent means true (TRAWL_RESPECT_OPT_OUTS=false turns them off for every task)"),
  thumbnails: z
    .array(thumbnailOption)
    .max(4)
    .optional()
    .describe('Thumbnails to make as each image is stored (ImageStored.thumbnails): widths, or {width, format, quality}; absent: none'),
  expiresAt: isoTime
    .optional()
    .describe("When the task's data may be removed (retention, ADR 0009): the task's own, or its batch's; absent: only TRAWL_RETENTION_DAYS, when set"),
  reuse: z
    .boolean()
    .optional()
    .describe('Record the page from an earlier task\'s download of the same URL, within TRAWL_REUSE_MAX_AGE (then a conditional GET decides), instead of fetching it again (ADR 0012); absent means false'),
});

export const taskStarted = z.object({ taskId: z.string(), startedAt: isoTime });

export const pageFetched = z.object({
  taskId: z.string(),
  finalUrl: z.string().describe('URL after redirects'),
  httpStatus: z.number().int(),
  contentType: z.string(),
  charset: z.string().describe('Charset the page was decoded with'),
  bytes: z.number().int().describe('Bytes of the HTML document as received (decoded transfer encoding)'),
  title: z.string().nullable(),
  text: z.object({ sha256, bytes: z.number().int() }).nullable().describe('UTF-8 text blob, when text was asked for'),
  imagesFound: z.number().int().describe('Distinct images discovered (after the per-page limit)'),
  imagesTruncated: z.boolean().describe('True when the page referenced more images than the per-page limit'),
  imagesReferenced: z
    .number()
    .int()
    .optional()
    .describe('Distinct images the page references, before the per-page limit; absent in events written before the field existed'),
  fetchedAt: isoTime,
  markdown: blobRef.nullable().optional().describe('UTF-8 Markdown blob, when the task asked for format markdown'),
  html: blobRef.nullable().optional().describe('The page as received (TRAWL_KEEP_HTML), for re-extraction without re-fetching'),
  metadata: pageMetadata.optional().describe("The page's metadata (title, description, canonical URL, language, author, date, site, license)"),
  extraction: z
    .object({ mode: z.enum(['full', 'main']), format: z.enum(['text', 'markdown']), extractor: z.string().describe('Extractor version that produced the text') })
    .optional()
    .describe('How the text was cut; absent in events written before it existed (full, text)'),
  reusedFrom: z
    .object({
      taskId: z.string().describe('The task whose download of the page is reused'),
      fetchedAt: isoTime.describe('When that page was downloaded or last confirmed unchanged'),
    })
    .optional()
    .describe('Set when the task asked for reuse and made no download of its own: the page as an earlier task received it (within TRAWL_REUSE_MAX_AGE, or confirmed unchanged by a conditional GET), or as another task downloaded it at the same time; parsed with this task\'s options'),
});

/** The text of a task cut again from its stored HTML (POST /api/v1/tasks/{id}/extractions, `trawl extract`), without a fetch. */
export const textExtracted = z.object({
  taskId: z.string(),
  version: z.number().int().min(2).describe('The extraction this is: the page fetch made extraction 1'),
  mode: z.enum(['full', 'main']),
  format: z.enum(['text', 'markdown']),
  extractor: z.string().describe('Extractor version that produced the text'),
  title: z.string().nullable(),
  text: blobRef,
  markdown: blobRef.nullable(),
  metadata: pageMetadata.optional(),
  extractedAt: isoTime,
});

export const discoveredImage = z.object({
  imageId: z.string(),
  url: z.string().describe('Absolute http(s) URL, or a short data: reference for inline images'),
  ordinal: z.number().int().describe('Position in document order'),
  context: z
    .object({
      alt: z.string().optional().describe('The alt text; "" when the page marked the image decorative'),
      title: z.string().optional(),
      caption: z.string().optional().describe('The <figcaption> of the <figure> the image is in'),
      heading: z.string().optional().describe('The nearest heading (h1-h6) before the image'),
      nearbyText: z.string().optional().describe('Up to 300 characters of the page text around the image'),
      width: z.number().int().optional().describe('Declared width attribute (CSS pixels)'),
      height: z.number().int().optional().describe('Declared height attribute (CSS pixels)'),
    })
    .optional()
    .describe('What the page says about the image (image-text pairs); absent when it says nothing, and in events written before the field existed'),
  via: z.string().optional().describe('Where on the page the image was found (img-src, srcset, og-image, style-attr...); absent in events written before the field existed'),
});
export const imagesDiscovered = z.object({
  taskId: z.string(),
  images: z.array(discoveredImage),
  respectRobots: z.boolean().optional().describe("The task's robots.txt choice, for the image jobs; absent means true"),
});

export const imageStored = z.object({
  taskId: z.string(),
  imageId: z.string(),
  sourceUrl: z.string(),
  sha256,
  contentType: z.string(),
  format: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  storedAt: isoTime,
  reusedFrom: z
    .object({
      taskId: z.string().describe('The task whose download is reused'),
      imageId: z.string(),
      fetchedAt: isoTime.describe('When those bytes were downloaded or last confirmed unchanged'),
    })
    .optional()
    .describe('Set when no download was made for this task: the same URL was stored by an earlier task (within TRAWL_REUSE_MAX_AGE, or confirmed unchanged by a conditional GET), or was being downloaded by another task at the same time'),
  perceptualHash: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .optional()
    .describe('64-bit perceptual hash (pHash) as 16 hex digits, for near-duplicates (re-encoded, resized copies); absent when the image could not be decoded for it, and in events written before the field existed'),
  thumbnails: z
    .array(
      z.object({
        width: z.number().int(),
        sha256,
        bytes: z.number().int(),
        contentType: z.string(),
        quality: z.number().int().optional().describe('The encoder quality it was made with (absent for PNG, and in events written before the field existed: the default)'),
      }),
    )
    .optional()
    .describe("The task's thumbnails of this image, made when it was stored (the variant GET …?width=N&format=F[&quality=Q] serves, from the store); absent when the task asked for none"),
});

export const imageFailed = z.object({
  taskId: z.string(),
  imageId: z.string(),
  sourceUrl: z.string(),
  error: errorInfo,
  failedAt: isoTime,
});

export const taskCompleted = z.object({
  taskId: z.string(),
  imagesStored: z.number().int(),
  imagesFailed: z.number().int(),
  completedAt: isoTime,
});

export const taskFailed = z.object({ taskId: z.string(), error: errorInfo, failedAt: isoTime });
export const taskCancelled = z.object({ taskId: z.string(), cancelledAt: isoTime });
/** An operator sent a failed task back to the queue (`trawl requeue`): a new run starts (ADR 0005). */
export const taskRequeued = z.object({
  taskId: z.string(),
  run: z.number().int().min(2).describe('The run this event starts: 2 for the first requeue, and so on'),
  url: z.string().describe('The page the new run fetches (as requested)'),
  collect: z.array(collectKind).min(1),
  requeuedAt: isoTime,
});

export const taskEventSchemas = {
  TaskRequested: taskRequested,
  TaskStarted: taskStarted,
  PageFetched: pageFetched,
  ImagesDiscovered: imagesDiscovered,
  ImageStored: imageStored,
  ImageFailed: imageFailed,
  TaskCompleted: taskCompleted,
  TaskFailed: taskFailed,
  TaskCancelled: taskCancelled,
  TaskRequeued: taskRequeued,
  TextExtracted: textExtracted,
  TaskExpired: taskExpired,
  TaskBlobsReleased: taskBlobsReleased,
} as const;
