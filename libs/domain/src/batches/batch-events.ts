import { z } from 'zod';
import type { RecordedEvent } from '@trawl/event-store';
import { collectKind, textOptions, thumbnailOption } from '../events/event-schemas';
import { batchExpired } from '../retention/retention-events';
import { webhookOption } from '../webhooks/webhook-option';

/**
 * Every event of a batch's stream (`batch-<id>`), version 1. No event grows with the batch: the
 * URLs come in chunks of BATCH_CHUNK entries, and each task's end is an event of its own.
 */
const isoTime = z.string().describe('ISO 8601 timestamp');
export const batchOptions = z.object({
  collect: z.array(collectKind).min(1),
  respectRobots: z.boolean().describe("Honour robots.txt for every task of the batch"),
  expiresAt: z.string().optional().describe("When the batch's data may be removed (retention, ADR 0009); its tasks inherit it; absent: only TRAWL_RETENTION_DAYS, when set"),
  thumbnails: z.array(thumbnailOption).max(4).optional().describe('Thumbnails every task of the batch makes as its images are stored (TaskRequested.thumbnails, ADR 0007); absent: none'),
  text: textOptions.optional().describe('How every task of the batch cuts its text (TaskRequested.text); absent: full text, plain'),
  respectOptOuts: z.boolean().optional().describe("Honour the sites' AI opt-outs for every task of the batch (TaskRequested.respectOptOuts); absent means true"),
  reuse: z.boolean().optional().describe("Every task of the batch records its page from an earlier task's download when it can (TaskRequested.reuse, ADR 0012); absent means false"),
});
export const settledStatus = z.enum(['completed', 'failed', 'cancelled']);

export const batchRequested = z.object({
  batchId: z.string(),
  options: batchOptions,
  requestedAt: isoTime,
  urls: z.number().int().min(1).describe('Distinct accepted URLs, i.e. tasks of the batch (the BatchUrlsAdded entries to expect)'),
  duplicates: z.number().int().min(0).describe('Accepted lines whose URL was already in the batch'),
  rejected: z.number().int().min(0).describe('Lines refused (not a valid URL)'),
  webhook: webhookOption
    .optional()
    .describe("Where the notifier POSTs the batch's final status (and progress, when asked): the batch's own webhook or the server default (TRAWL_WEBHOOK_URL); absent: none. Its tasks carry none"),
});
export const batchUrlsAdded = z.object({
  batchId: z.string(),
  chunk: z.number().int().min(0).describe('0-based chunk number; entries are in submission order'),
  entries: z.array(z.object({ taskId: z.string(), url: z.string(), line: z.number().int().min(1) })),
});
export const batchTasksReleased = z.object({
  batchId: z.string(),
  upTo: z.number().int().min(1).describe('Entries [0, upTo) are released: their tasks are requested'),
});
export const batchTaskSettled = z.object({ batchId: z.string(), taskId: z.string(), status: settledStatus });
export const batchCompleted = z.object({
  batchId: z.string(),
  counts: z.object({ tasks: z.number().int(), completed: z.number().int(), failed: z.number().int(), cancelled: z.number().int() }),
  completedAt: isoTime,
});
export const batchCancelled = z.object({ batchId: z.string(), cancelledAt: isoTime });

export const batchEventSchemas = {
  BatchRequested: batchRequested,
  BatchUrlsAdded: batchUrlsAdded,
  BatchTasksReleased: batchTasksReleased,
  BatchTaskSettled: batchTaskSettled,
  BatchCompleted: batchCompleted,
  BatchCancelled: batchCancelled,
  BatchExpired: batchExpired,
} as const;

type Schemas = typeof batchEventSchemas;
export type BatchEventType = keyof Schemas;
export type BatchEvent = { [Type in BatchEventType]: { type: Type; data: z.infer<Schemas[Type]> } }[BatchEventType];
export type BatchEventOf<Type extends BatchEventType> = Extract<BatchEvent, { type: Type }>;
export type BatchOptions = z.infer<typeof batchOptions>;
export type BatchEntry = BatchEventOf<'BatchUrlsAdded'>['data']['entries'][number];
export type SettledStatus = z.infer<typeof settledStatus>;

export const BATCH_EVENT_SCHEMA_VERSION = 1;

export function toBatchEvent(recorded: RecordedEvent): BatchEvent | null {
  if (!Object.hasOwn(batchEventSchemas, recorded.type)) return null;
  return { type: recorded.type, data: recorded.data } as BatchEvent;
}

export function validateBatchEvent(event: BatchEvent): BatchEvent {
  return { type: event.type, data: batchEventSchemas[event.type].parse(event.data) } as BatchEvent;
}
