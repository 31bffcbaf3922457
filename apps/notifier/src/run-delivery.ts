import { deliverWebhook, type WebhookDelivery, type WebhookTransport } from '@trawl/webhooks';
import type { DeliveryJournal } from './delivery-journal';

export interface DeliverySettings {
  transport: WebhookTransport;
  /** Unset: nothing can be signed, and the delivery is dead-lettered at once (webhook-not-configured). */
  secret: string | undefined;
  maxAttempts: number;
  baseDelayMs: number;
  timeoutMs: number;
  signal: AbortSignal;
}

/**
 * Runs one delivery to its end, resuming after the attempts its stream already records (a restart in
 * the middle of the back-off), and records every attempt and the end there. Waits restart at the first
 * step after a restart. Aborting (shutdown) stops it between attempts, with nothing dead-lettered.
 */
export async function runDelivery(journal: DeliveryJournal, target: { streamName: string; ownerId: string }, delivery: WebhookDelivery, settings: DeliverySettings): Promise<void> {
  const { streamName, ownerId } = target;
  const done = await journal.progress(streamName, delivery.id);
  if (done.finished) return;
  const base = { deliveryId: delivery.id, eventType: delivery.eventType, url: delivery.url };
  const body = JSON.stringify(delivery.payload);
  const remaining = settings.maxAttempts - done.attemptsMade;
  if (!settings.secret || remaining <= 0) {
    const lastError = settings.secret
      ? { code: 'webhook-attempts-spent', message: `all ${settings.maxAttempts} attempts were made before the notifier restarted` }
      : { code: 'webhook-not-configured', message: 'the notifier has no TRAWL_WEBHOOK_SECRET to sign with; set it on the notifier (this delivery is not tried again)' };
    await journal.record(streamName, ownerId, { type: 'WebhookDeadLettered', data: { ...base, attempts: done.attemptsMade, lastError, body, at: new Date().toISOString() } });
    return;
  }
  const result = await deliverWebhook(delivery, {
    transport: settings.transport,
    secret: settings.secret,
    schedule: { maxAttempts: remaining, baseDelayMs: settings.baseDelayMs },
    timeoutMs: settings.timeoutMs,
    signal: settings.signal,
    onAttempt: (report) =>
      journal.record(streamName, ownerId, {
        type: 'WebhookAttempted',
        data: {
          ...base,
          attempt: report.attempt + done.attemptsMade,
          maxAttempts: settings.maxAttempts,
          outcome: report.outcome,
          status: report.status,
          error: report.error,
          nextAttemptInMs: report.nextAttemptInMs,
          durationMs: Math.round(report.durationMs),
          at: new Date().toISOString(),
        },
      }),
    deadLetter: (letter) =>
      journal.record(streamName, ownerId, {
        type: 'WebhookDeadLettered',
        data: { ...base, attempts: letter.attempts + done.attemptsMade, lastError: letter.lastError, body: letter.body, at: new Date().toISOString() },
      }),
  });
  if (result.outcome === 'delivered') {
    await journal.record(streamName, ownerId, { type: 'WebhookDelivered', data: { ...base, attempts: result.attempts + done.attemptsMade, at: new Date().toISOString() } });
  }
}
