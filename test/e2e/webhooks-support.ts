import { join } from 'node:path';
import { SqliteEventStore } from '@trawl/event-store';
import { verifyWebhookSignature, type WebhookPayload } from '@trawl/webhooks';
import type { ReceivedWebhook } from '../../libs/webhooks/src/test-support/webhook-receiver';
import type { TrawlDeployment } from '../support/trawl-deployment';

export const SECRET = 'e2e-webhook-secret-0123456789';
/** Only 127.0.0.1 is exempt: receivers and the site live there, and 127.0.0.2 stands for a blocked address. */
export const WEBHOOK_ENV = {
  TRAWL_ALLOW_PRIVATE: '127.0.0.1/32',
  TRAWL_WEBHOOK_SECRET: SECRET,
  TRAWL_WEBHOOK_MAX_ATTEMPTS: '3',
  TRAWL_WEBHOOK_RETRY_BASE_MS: '100',
  TRAWL_WEBHOOK_PROGRESS_INTERVAL_MS: '500',
};

export interface StreamEventItem {
  type: string;
  data: Record<string, unknown>;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function payloadOf(request: ReceivedWebhook): WebhookPayload {
  return JSON.parse(request.body) as WebhookPayload;
}

export function expectSigned(request: ReceivedWebhook): void {
  expect(verifyWebhookSignature({ body: request.body, header: request.headers['trawl-signature'] as string, secret: SECRET })).toMatchObject({ valid: true });
  expect(request.headers['trawl-webhook-id']).toBe(payloadOf(request).id);
  expect(request.headers['trawl-event-type']).toBe(payloadOf(request).type);
}

/**
 * A batch's stream, read from the deployment's SQLite event store (both modes share one file): batches
 * have no events endpoint, and the webhook records are in that stream.
 */
export async function batchStreamEvents(trawl: TrawlDeployment, batchId: string): Promise<StreamEventItem[]> {
  const store = new SqliteEventStore({ path: join(trawl.env.TRAWL_DATA_DIR, 'events.sqlite') });
  try {
    return (await store.readStream(`batch-${batchId}`)).map(({ type, data }) => ({ type, data: data as Record<string, unknown> }));
  } finally {
    await store.close();
  }
}

/** The batch's stream once the delivery of its final status (batch.completed / batch.cancelled) has ended. */
export function batchDeliveryEnded(trawl: TrawlDeployment, batchId: string): Promise<StreamEventItem[]> {
  return waitFor(`the final webhook of batch ${batchId} to end`, async () => {
    const events = await batchStreamEvents(trawl, batchId);
    const final = (event: StreamEventItem) => typeof event.data.eventType === 'string' && event.data.eventType !== 'batch.progress';
    return events.some((event) => (event.type === 'WebhookDelivered' || event.type === 'WebhookDeadLettered') && final(event)) ? events : undefined;
  }, 90_000);
}
