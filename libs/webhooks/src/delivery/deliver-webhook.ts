import { setTimeout as delay } from 'node:timers/promises';
import { parseRetryAfter } from '../transport/network-guards';
import { EVENT_TYPE_HEADER, SIGNATURE_HEADER, WEBHOOK_ID_HEADER, signatureHeader } from '../signature/webhook-signature';
import type { WebhookResponse } from '../transport/webhook-transport.port';
import { DEFAULT_RETRY_SCHEDULE, retryDelayMs, statusVerdict } from './retry-schedule';
import type { DeliverWebhookOptions, WebhookDelivery, WebhookDeliveryResult, WebhookFailure } from './webhook-delivery.types';

interface AttemptOutcome {
  verdict: 'delivered' | 'retry' | 'final';
  status?: number;
  error?: WebhookFailure;
  retryAfterMs?: number;
}

/**
 * Delivers one webhook at least once: POSTs the same body with the same idempotency key, freshly
 * signed each time, retrying network errors, timeouts, 408, 429 and 5xx with exponential back-off and
 * jitter (at least what Retry-After asks). A final failure, or the last attempt's, dead-letters it.
 */
export async function deliverWebhook(delivery: WebhookDelivery, options: DeliverWebhookOptions): Promise<WebhookDeliveryResult> {
  const schedule = { ...DEFAULT_RETRY_SCHEDULE, ...options.schedule };
  const now = options.nowMs ?? Date.now;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }));
  const body = JSON.stringify(delivery.payload);
  for (let attempt = 1; ; attempt += 1) {
    options.signal?.throwIfAborted();
    const started = now();
    const result = await attemptOnce(delivery, body, options, Math.floor(started / 1000), now);
    const last = attempt >= schedule.maxAttempts || result.verdict === 'final';
    const waitMs = result.verdict === 'retry' && !last ? retryDelayMs(attempt, schedule, random, result.retryAfterMs) : undefined;
    const outcome = result.verdict === 'delivered' ? 'delivered' : waitMs === undefined ? 'failed' : 'retrying';
    await options.onAttempt?.({
      deliveryId: delivery.id,
      url: delivery.url,
      eventType: delivery.eventType,
      attempt,
      maxAttempts: schedule.maxAttempts,
      outcome,
      status: result.status,
      error: result.error,
      nextAttemptInMs: waitMs,
      durationMs: now() - started,
    });
    if (outcome === 'delivered') return { outcome: 'delivered', attempts: attempt };
    if (outcome === 'failed') {
      const lastError = result.error ?? { code: 'webhook-failed', message: 'delivery failed' };
      await options.deadLetter({ delivery, body, attempts: attempt, lastError });
      return { outcome: 'dead-lettered', attempts: attempt, lastError };
    }
    await sleep(waitMs!, options.signal);
  }
}

async function attemptOnce(delivery: WebhookDelivery, body: string, options: DeliverWebhookOptions, timestamp: number, now: () => number): Promise<AttemptOutcome> {
  let response: WebhookResponse;
  try {
    response = await options.transport.post({
      url: delivery.url,
      body,
      timeoutMs: options.timeoutMs ?? 10_000,
      signal: options.signal,
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signatureHeader(options.secret, timestamp, body),
        [WEBHOOK_ID_HEADER]: delivery.id,
        [EVENT_TYPE_HEADER]: delivery.eventType,
      },
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const failure = error as { code?: string; message?: string; retryable?: boolean };
    const code = failure.code ?? 'webhook-connection-failed';
    // Only our transport's own errors say they are worth retrying; a blocked address is final.
    return { verdict: failure.retryable === true ? 'retry' : 'final', error: { code, message: failure.message ?? String(error) } };
  }
  const verdict = statusVerdict(response.status);
  if (verdict === 'delivered') return { verdict, status: response.status };
  return {
    verdict,
    status: response.status,
    error: { code: 'webhook-http-status', message: `the receiver answered HTTP ${response.status}`, status: response.status },
    retryAfterMs: verdict === 'retry' ? parseRetryAfter(response.retryAfter, now()) : undefined,
  };
}
