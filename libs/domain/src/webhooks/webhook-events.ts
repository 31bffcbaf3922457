import { z } from 'zod';
import type { RecordedEvent } from '@trawl/event-store';
import { deterministicEventId } from '../task/event-ids';

/**
 * The notifier's record of each webhook delivery, appended to the stream of the task (or batch) it
 * reports on, so that the resource's events show them. They are deliberately not task events (not in
 * taskEventSchemas): folds, the projector and the relay pass over them.
 */
const isoTime = z.string().describe('ISO 8601 timestamp');
const failure = z.object({
  code: z.string().describe('webhook-http-status, webhook-timeout, webhook-connection-failed, blocked-address, …'),
  message: z.string(),
  status: z.number().int().optional(),
});
const delivery = {
  deliveryId: z.string().describe('The idempotency key (Trawl-Webhook-Id): the same on every attempt'),
  eventType: z.string().describe('task.completed, task.failed, task.cancelled, task.progress, …'),
};

export const webhookAttempted = z.object({
  ...delivery,
  url: z.string(),
  attempt: z.number().int().min(1),
  maxAttempts: z.number().int().min(1),
  outcome: z.enum(['delivered', 'retrying', 'failed']),
  status: z.number().int().optional().describe('The HTTP status the receiver answered, when it answered'),
  error: failure.optional().describe('Why the attempt failed'),
  nextAttemptInMs: z.number().int().optional().describe('The wait before the next attempt (outcome retrying)'),
  durationMs: z.number().int(),
  at: isoTime,
});
export const webhookDelivered = z.object({ ...delivery, url: z.string(), attempts: z.number().int().min(1), at: isoTime });
export const webhookDeadLettered = z.object({
  ...delivery,
  url: z.string(),
  attempts: z.number().int().min(0).describe('Attempts made; 0 when the notifier could not sign it (no TRAWL_WEBHOOK_SECRET)'),
  lastError: failure,
  body: z.string().describe('The payload as it was sent, for a replay by hand'),
  at: isoTime,
});

export const webhookEventSchemas = {
  WebhookAttempted: webhookAttempted,
  WebhookDelivered: webhookDelivered,
  WebhookDeadLettered: webhookDeadLettered,
} as const;

type Schemas = typeof webhookEventSchemas;
export type WebhookEventType = keyof Schemas;
export type WebhookEvent = { [Type in WebhookEventType]: { type: Type; data: z.infer<Schemas[Type]> } }[WebhookEventType];
export const WEBHOOK_EVENT_SCHEMA_VERSION = 1;

export function isWebhookEventType(type: string): type is WebhookEventType {
  return Object.hasOwn(webhookEventSchemas, type);
}

export function toWebhookEvent(recorded: RecordedEvent): WebhookEvent | null {
  return isWebhookEventType(recorded.type) ? ({ type: recorded.type, data: recorded.data } as WebhookEvent) : null;
}

export function validateWebhookEvent(event: WebhookEvent): WebhookEvent {
  return { type: event.type, data: webhookEventSchemas[event.type].parse(event.data) } as WebhookEvent;
}

/**
 * Deterministic ids: one per attempt, and one for the end of a delivery, derived from the stream's
 * owner (task or batch id) and the delivery id, so that a notifier replaying its log appends nothing twice.
 */
export function webhookEventId(ownerId: string, event: WebhookEvent): string {
  const step = event.type === 'WebhookAttempted' ? `attempt:${event.data.attempt}` : 'end';
  return deterministicEventId(ownerId, `webhook:${event.data.deliveryId}:${step}`);
}
