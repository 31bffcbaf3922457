import { WebhookReceiver, deadUrl } from '../../libs/webhooks/src/test-support/webhook-receiver';
import type { FixtureSite } from '../support/fixture-site';
import type { TrawlDeployment } from '../support/trawl-deployment';
import { batchDeliveryEnded, expectSigned, payloadOf, type StreamEventItem } from './webhooks-support';

interface BatchAnswer {
  id: string;
  accepted: number;
}

async function createBatch(trawl: TrawlDeployment, body: unknown): Promise<BatchAnswer> {
  const response = await trawl.client.request('/api/v1/batches', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(202);
  return (await response.json()) as BatchAnswer;
}

async function batchView(trawl: TrawlDeployment, id: string): Promise<{ status: string; counts: { tasks: Record<string, number>; images: Record<string, number> } }> {
  return (await (await trawl.client.request(`/api/v1/batches/${id}`)).json()) as never;
}

const webhookRecords = (events: StreamEventItem[]) => events.filter((event) => event.type.startsWith('Webhook'));

/**
 * Batch webhooks, run inside the task webhook suite's describe (its deployment, site and receivers):
 * one delivery per batch (its tasks send none), recorded in the batch's stream.
 */
export function batchWebhookCases(context: () => { trawl: TrawlDeployment; site: FixtureSite; receiver: (...answers: Parameters<typeof WebhookReceiver.start>) => Promise<WebhookReceiver> }): void {
  it('POSTs a batch\'s final status once, retried through two failures under one idempotency key, with its counts; attempts in the batch\'s stream', async () => {
    const { trawl, site, receiver } = context();
    const hook = await receiver([{ status: 500 }, { status: 503 }, { status: 204 }]);
    const urls = [`${site.baseUrl}/pages/base-href.html`, `${site.baseUrl}/pages/plain-article.html`, `${site.baseUrl}/status/404`];
    const batch = await createBatch(trawl, { urls, collect: ['text', 'images'], webhook: hook.url });
    expect(batch.accepted).toBe(3);
    const events = await batchDeliveryEnded(trawl, batch.id);
    expect(hook.received).toHaveLength(3);
    expect(new Set(hook.received.map((request) => request.headers['trawl-webhook-id'])).size).toBe(1);
    expect(new Set(hook.received.map((request) => request.body)).size).toBe(1);
    for (const request of hook.received) expectSigned(request);
    const view = await batchView(trawl, batch.id);
    expect(view.status).toBe('completed');
    const payload = payloadOf(hook.received[0]);
    expect(payload).toMatchObject({
      type: 'batch.completed',
      data: {
        kind: 'batch', id: batch.id, status: 'completed',
        counts: { tasks: 3, completed: 2, failed: 1, cancelled: 0, imagesStored: view.counts.images.stored, imagesFailed: view.counts.images.failed },
        links: { self: expect.stringMatching(new RegExp(`/api/v1/batches/${batch.id}$`)), results: expect.stringMatching(/\/results$/), exports: expect.stringMatching(/\/exports$/) },
      },
    });
    expect(view.counts.images.stored).toBeGreaterThanOrEqual(1);
    const attempts = webhookRecords(events).filter((event) => event.type === 'WebhookAttempted').map((event) => [event.data.attempt, event.data.outcome, event.data.status, event.data.deliveryId]);
    expect(attempts).toEqual([[1, 'retrying', 500, payload.id], [2, 'retrying', 503, payload.id], [3, 'delivered', 204, payload.id]]);
    expect(webhookRecords(events).at(-1)).toMatchObject({ type: 'WebhookDelivered', data: { attempts: 3, eventType: 'batch.completed' } });
    // The batch's own fold passes over the records: its view and counts are what its tasks made them.
    expect(view.counts.tasks).toMatchObject({ total: 3, completed: 2, failed: 1 });
  });

  it('reports a batch\'s progress when asked, at most once per interval, and its final status last and once', async () => {
    const { trawl, site, receiver } = context();
    const hook = await receiver();
    const urls = [1, 2, 3, 4].map((n) => `${site.baseUrl}/many-slow-images?count=3&ms=300&page=${n}`);
    const started = Date.now();
    const batch = await createBatch(trawl, { urls, collect: ['images'], webhook: { url: hook.url, events: ['final', 'progress'] } });
    await batchDeliveryEnded(trawl, batch.id);
    const elapsed = Date.now() - started;
    const types = hook.received.map((request) => payloadOf(request).type);
    expect(types.at(-1)).toBe('batch.completed');
    expect(types.filter((type) => type === 'batch.completed')).toHaveLength(1);
    const progress = hook.received.filter((request) => payloadOf(request).type === 'batch.progress');
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(elapsed / 500) + 1);
    expect(payloadOf(progress[0]).data.counts).toMatchObject({ tasks: 4 });
    for (const request of hook.received) expectSigned(request);
    // No task of the batch sent a webhook of its own.
    expect(types.every((type) => type.startsWith('batch.'))).toBe(true);
  });

  it('dead-letters a batch\'s final status to a receiver that is down, in the batch\'s stream', async () => {
    const { trawl, site } = context();
    const url = await deadUrl();
    const batch = await createBatch(trawl, { urls: [`${site.baseUrl}/status/404`], webhook: url });
    const events = webhookRecords(await batchDeliveryEnded(trawl, batch.id));
    expect(events.filter((event) => event.type === 'WebhookAttempted').map((event) => event.data.outcome)).toEqual(['retrying', 'retrying', 'failed']);
    expect(events.at(-1)).toMatchObject({ type: 'WebhookDeadLettered', data: { url, attempts: 3, eventType: 'batch.completed', lastError: { code: 'webhook-connection-failed' } } });
    expect((await batchView(trawl, batch.id)).status).toBe('completed');
  });

  it('refuses at request time a batch whose webhook the network policy blocks, JSON or upload, storing nothing', async () => {
    const { trawl, site } = context();
    const count = async () => ((await (await trawl.client.request('/api/v1/batches?limit=500')).json()) as { items: unknown[] }).items.length;
    const before = await count();
    const json = await trawl.client.request('/api/v1/batches', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ urls: [`${site.baseUrl}/`], webhook: { url: 'http://127.0.0.2:9/hook', events: ['final'] } }),
    });
    const upload = await trawl.client.request(`/api/v1/batches?webhook=${encodeURIComponent('http://127.0.0.2:9/hook')}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: `${site.baseUrl}/\n` });
    for (const response of [json, upload]) {
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await response.json()) as { code: string; detail: string };
      expect(problem.code).toBe('webhook-url-refused');
      expect(problem.detail).toContain('127.0.0.2');
    }
    expect(await count()).toBe(before);
  });
}
