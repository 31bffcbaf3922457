import { z } from 'zod';
import { webhookEventKind, type WebhookOption } from '@trawl/domain';

const webhookObject = z
  .object({
    url: z.string().min(1, 'must not be empty').describe('Where to POST: an absolute http or https URL'),
    events: z
      .array(webhookEventKind)
      .min(1)
      .refine((kinds) => new Set(kinds).size === kinds.length, 'must not name a kind twice')
      .refine((kinds) => kinds.includes('final'), 'must include final (a webhook always gets the final status)')
      .default(['final'])
      .describe('["final"] (the default), or ["final", "progress"] for coalesced progress reports too'),
  })
  .strict();

/**
 * The `webhook` of a task request (and, the same, of a batch request): a URL, or `{url, events}`.
 * Only the shape is checked here; `resolveWebhook` checks the URL against the network policy.
 */
export const webhookField = z
  .union([z.string().min(1, 'must not be empty'), webhookObject])
  .transform((value): WebhookOption => (typeof value === 'string' ? { url: value, events: ['final'] } : value))
  .describe('Where trawl POSTs the final status (signed, retried; see docs/webhooks.md): a URL, or {url, events}');

export type WebhookField = z.infer<typeof webhookField>;
