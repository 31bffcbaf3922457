import { z } from 'zod';
import { collectKind, webhookEventKind, type ThumbnailOption, type WebhookOption } from '@trawl/domain';
import { webhookField } from '../../tasks/request-task/webhook-field';
import { expiresAtField } from '../../tasks/request-task/expires-at-field';
import { thumbnailsField, thumbnailsFromQuery } from '../../tasks/request-task/thumbnails-field';
import { textOptionsField } from '../../tasks/request-task/text-options-field';
import { reuseField } from '../../tasks/request-task/reuse-field';

/** A JSON batch: at most this many URLs (more go as an upload). */
export const MAX_JSON_BATCH_URLS = 10_000;

const collect = z
  .array(collectKind)
  .min(1, 'must name at least one of text, images')
  .refine((kinds) => new Set(kinds).size === kinds.length, 'must not name a kind twice')
  .default(['text', 'images']);

/** The JSON body: URLs are checked one by one afterwards (a bad one is reported, not fatal unless strict). */
export const requestBatchBody = z
  .object({
    urls: z.array(z.unknown()).min(1, 'must hold at least one URL').max(MAX_JSON_BATCH_URLS, `must hold at most ${MAX_JSON_BATCH_URLS} URLs; send more as a text/plain or application/x-ndjson upload`),
    collect,
    respectRobots: z.boolean().default(true),
    strict: z.boolean().default(false).describe('Refuse the whole batch (store nothing) when any URL is bad'),
    webhook: webhookField.optional().describe("Where trawl POSTs the batch's final status (signed, retried): a URL, or {url, events}; its tasks send none"),
    expiresAt: expiresAtField.optional().describe('When the batch and its tasks may be removed (retention); its tasks inherit it'),
    thumbnails: thumbnailsField.optional(),
    text: textOptionsField.optional(),
    respectOptOuts: z.boolean().default(true).describe("Honour the sites' AI opt-outs for every task (default true), as a task's respectOptOuts"),
    reuse: reuseField,
  })
  .strict();

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** The options of an upload, as query parameters (the body is the list). */
export const requestBatchQuery = z
  .object({
    collect: z.string().optional().transform((value) => (value === undefined ? undefined : value.split(',').map((kind) => kind.trim()))).pipe(collect),
    respectRobots: flag.default(true),
    strict: flag.default(false),
    webhook: z.string().optional(),
    webhookEvents: z.string().optional(),
    expiresAt: expiresAtField.optional(),
    thumbnails: z.string().optional(),
    thumbnailFormat: z.string().optional(),
    thumbnailQuality: z.string().optional(),
    textMode: z.enum(['full', 'main']).optional(),
    textFormat: z.enum(['text', 'markdown']).optional(),
    respectOptOuts: flag.default(true),
    reuse: flag.default(false),
  })
  .strict()
  // `textMode=main&textFormat=markdown`: the JSON field `text`, each part defaulted as there.
  .transform(({ textMode, textFormat, ...options }) =>
    textMode === undefined && textFormat === undefined ? options : { ...options, text: { mode: textMode ?? 'full', format: textFormat ?? 'text' } },
  )
  // `thumbnails=256,128&thumbnailFormat=webp&thumbnailQuality=70`: the JSON field, each width in that format.
  .transform(({ thumbnails, thumbnailFormat, thumbnailQuality, ...options }, context) => {
    const parsed = thumbnailsFromQuery({ thumbnails, thumbnailFormat, thumbnailQuality }, context);
    return parsed ? { ...options, thumbnails: parsed } : options;
  })
  // The same field as a JSON batch's, from `webhook=<url>` and `webhookEvents=final,progress`.
  .transform(({ webhook, webhookEvents, ...options }, context) => {
    if (webhook === undefined) {
      if (webhookEvents !== undefined) context.addIssue({ code: 'custom', path: ['webhookEvents'], message: 'needs webhook' });
      return options;
    }
    const events = webhookEvents?.split(',').map((kind) => kind.trim());
    const unknown = events?.find((kind) => !webhookEventKind.safeParse(kind).success);
    if (unknown !== undefined) {
      context.addIssue({ code: 'custom', path: ['webhookEvents'], message: `unknown kind "${unknown}"; use final, or final,progress` });
      return options;
    }
    const parsed = webhookField.safeParse({ url: webhook, ...(events ? { events } : {}) });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) context.addIssue({ code: 'custom', path: [issue.path[0] === 'events' ? 'webhookEvents' : 'webhook'], message: issue.message });
      return options;
    }
    return { ...options, webhook: parsed.data };
  });

export interface BatchRequestOptions {
  collect: Array<z.infer<typeof collectKind>>;
  respectRobots: boolean;
  strict: boolean;
  /** Only its shape is checked here; resolveWebhook checks the URL against the network policy. */
  webhook?: WebhookOption;
  /** When the batch and its tasks may be removed (retention, ADR 0009), checked and in UTC. */
  expiresAt?: string;
  /** Thumbnails every task makes as its images are stored (ADR 0007). */
  thumbnails?: ThumbnailOption[];
  /** How every task cuts its text; absent: full text, plain. */
  text?: { mode: 'full' | 'main'; format: 'text' | 'markdown' };
  /** Honour the sites' AI opt-outs (a task's respectOptOuts). */
  respectOptOuts: boolean;
  /** Record pages from earlier tasks' downloads when possible (ADR 0012). */
  reuse: boolean;
}
