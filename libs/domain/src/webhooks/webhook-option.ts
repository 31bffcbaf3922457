import { z } from 'zod';

/** What a webhook is told about: `final` statuses only (the default), or also coalesced `progress`. */
export const webhookEventKind = z.enum(['final', 'progress']);
export type WebhookEventKind = z.infer<typeof webhookEventKind>;

/**
 * The webhook a task (or a batch) asked for, as stored on its request event: a URL already checked
 * against the network policy when it was requested, and what to report.
 */
export const webhookOption = z.object({
  url: z.string().describe('Absolute http(s) URL, checked against the network policy when requested'),
  events: z
    .array(webhookEventKind)
    .min(1)
    .optional()
    .describe('What is POSTed: final statuses, and progress when listed; absent means ["final"]'),
});
export type WebhookOption = z.infer<typeof webhookOption>;

export function wantsProgress(option: WebhookOption): boolean {
  return option.events?.includes('progress') ?? false;
}
