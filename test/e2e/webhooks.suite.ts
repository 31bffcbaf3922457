import { WebhookReceiver, deadUrl } from '../../libs/webhooks/src/test-support/webhook-receiver';
import { startFixtureSite, type FixtureSite } from '../support/fixture-site';
import type { TrawlDeployment } from '../support/trawl-deployment';
import { batchWebhookCases } from './webhooks-batch.cases';
import { WEBHOOK_ENV, batchDeliveryEnded, batchStreamEvents, expectSigned, payloadOf, waitFor } from './webhooks-support';

interface TaskEventItem {
  type: string;
  data: Record<string, unknown>;
}

async function taskEvents(trawl: TrawlDeployment, id: string): Promise<TaskEventItem[]> {
  const response = await trawl.client.request(`/api/v1/tasks/${id}/events`);
  return ((await response.json()) as { items: TaskEventItem[] }).items;
}

/** The events of a task once its webhook delivery has ended (delivered or dead-lettered). */
function deliveryEnded(trawl: TrawlDeployment, id: string): Promise<TaskEventItem[]> {
  return waitFor(`the webhook of task ${id} to end`, async () => {
    const events = await taskEvents(trawl, id);
    return events.some((event) => event.type === 'WebhookDelivered' || event.type === 'WebhookDeadLettered') ? events : undefined;
  });
}

/**
 * Task and batch webhooks end to end, against loopback receivers. The same suite runs in every mode: `start`
 * deploys trawl with the given environment, and `notifierProcess` names the process that runs the
 * notifier (the one the restart test stops and starts again).
 */
export function describeTaskWebhooks(mode: string, start: (env: Record<string, string>) => Promise<TrawlDeployment>, notifierProcess: string): void {
  describe(`e2e: task webhooks [${mode}]`, () => {
    let site: FixtureSite;
    let trawl: TrawlDeployment;
    const receivers: WebhookReceiver[] = [];

    async function receiver(...answers: Parameters<typeof WebhookReceiver.start>): Promise<WebhookReceiver> {
      const started = await WebhookReceiver.start(...answers);
      receivers.push(started);
      return started;
    }

    beforeAll(async () => {
      site = await startFixtureSite();
      trawl = await start(WEBHOOK_ENV);
    });
    afterAll(async () => {
      await trawl?.stop();
      await site?.close();
      await Promise.all(receivers.map((started) => started.stop()));
    });

    it('POSTs each final status (completed, failed, cancelled) once, signed, with the task\'s counts and links', async () => {
      const hook = await receiver();
      const completed = (await trawl.client.createTask({ url: `${site.baseUrl}/pages/base-href.html`, collect: ['images'], webhook: hook.url })).task;
      const failed = (await trawl.client.createTask({ url: `${site.baseUrl}/status/404`, webhook: { url: hook.url, events: ['final'] } })).task;
      const cancelled = (await trawl.client.createTask({ url: `${site.baseUrl}/many-slow-images?count=20&ms=3000`, webhook: hook.url })).task;
      expect((await trawl.client.request(`/api/v1/tasks/${cancelled.id}`, { method: 'DELETE' })).status).toBe(202);
      for (const task of [completed, failed, cancelled]) await deliveryEnded(trawl, task.id);
      // Nothing more arrives: one delivery per final status.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const byTask = new Map(hook.received.map((request) => [payloadOf(request).data.id, request]));
      expect(hook.received).toHaveLength(3);
      expect(byTask.size).toBe(3);
      for (const request of hook.received) expectSigned(request);
      expect(payloadOf(byTask.get(completed.id)!)).toMatchObject({
        type: 'task.completed',
        data: { kind: 'task', status: 'completed', counts: { imagesFound: 1, imagesStored: 1, imagesFailed: 0 }, links: { self: expect.stringMatching(new RegExp(`/api/v1/tasks/${completed.id}$`)) } },
      });
      expect(payloadOf(byTask.get(failed.id)!)).toMatchObject({ type: 'task.failed', data: { status: 'failed' } });
      expect(payloadOf(byTask.get(cancelled.id)!)).toMatchObject({ type: 'task.cancelled', data: { status: 'cancelled' } });
      const events = await taskEvents(trawl, completed.id);
      expect(events.filter((event) => event.type.startsWith('Webhook'))).toEqual([
        expect.objectContaining({ type: 'WebhookAttempted', data: expect.objectContaining({ attempt: 1, outcome: 'delivered', status: 204, deliveryId: payloadOf(byTask.get(completed.id)!).id }) }),
        expect.objectContaining({ type: 'WebhookDelivered', data: expect.objectContaining({ attempts: 1 }) }),
      ]);
    });

    it('retries a receiver that fails twice: three requests with one idempotency key, each attempt in the task\'s events', async () => {
      const hook = await receiver([{ status: 500 }, { status: 503 }, { status: 204 }]);
      const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/status/404`, webhook: hook.url });
      const events = await deliveryEnded(trawl, task.id);
      expect(hook.received).toHaveLength(3);
      expect(new Set(hook.received.map((request) => request.headers['trawl-webhook-id'])).size).toBe(1);
      expect(new Set(hook.received.map((request) => request.body)).size).toBe(1);
      for (const request of hook.received) expectSigned(request);
      const attempts = events.filter((event) => event.type === 'WebhookAttempted').map((event) => [event.data.attempt, event.data.outcome, event.data.status]);
      expect(attempts).toEqual([[1, 'retrying', 500], [2, 'retrying', 503], [3, 'delivered', 204]]);
      expect(events.at(-1)).toMatchObject({ type: 'WebhookDelivered', data: { attempts: 3 } });
    });

    it('dead-letters the delivery to a receiver that is down once its attempts are spent', async () => {
      const url = await deadUrl();
      const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/status/404`, webhook: url });
      const events = await deliveryEnded(trawl, task.id);
      expect(events.filter((event) => event.type === 'WebhookAttempted').map((event) => event.data.outcome)).toEqual(['retrying', 'retrying', 'failed']);
      expect(events.at(-1)).toMatchObject({ type: 'WebhookDeadLettered', data: { url, attempts: 3, lastError: { code: 'webhook-connection-failed' } } });
      // The task itself is untouched by its webhook's fate.
      expect((await trawl.client.getTask(task.id)).status).toBe('failed');
    });

    it('refuses at request time a webhook at an address the network policy blocks, storing nothing', async () => {
      const before = (await (await trawl.client.request('/api/v1/tasks?limit=500')).json()) as { items: unknown[] };
      const response = await trawl.client.request('/api/v1/tasks', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: `${site.baseUrl}/`, webhook: 'http://127.0.0.2:9/hook' }),
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await response.json()) as { code: string; detail: string };
      expect(problem.code).toBe('webhook-url-refused');
      expect(problem.detail).toContain('127.0.0.2');
      expect(problem.detail).toContain('TRAWL_ALLOW_PRIVATE');
      const after = (await (await trawl.client.request('/api/v1/tasks?limit=500')).json()) as { items: unknown[] };
      expect(after.items.length).toBe(before.items.length);
    });

    it('reports progress when asked, at most once per interval, and the final status last', async () => {
      const hook = await receiver();
      const started = Date.now();
      const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/many-slow-images?count=6&ms=400`, collect: ['images'], webhook: { url: hook.url, events: ['final', 'progress'] } });
      await trawl.client.waitForFinal(task.id);
      await deliveryEnded(trawl, task.id);
      const elapsed = Date.now() - started;
      const types = hook.received.map((request) => payloadOf(request).type);
      expect(types.at(-1)).toBe('task.completed');
      expect(types.filter((type) => type === 'task.completed')).toHaveLength(1);
      const progress = types.filter((type) => type === 'task.progress');
      expect(progress.length).toBeGreaterThanOrEqual(1);
      expect(progress.length).toBeLessThanOrEqual(Math.ceil(elapsed / 500) + 1);
      for (const request of hook.received) expectSigned(request);
    });

    describe('batches', () => batchWebhookCases(() => ({ trawl, site, receiver })));
  });

  describe(`e2e: a webhook delivery survives a restart of the notifier [${mode}]`, () => {
    let site: FixtureSite;
    let trawl: TrawlDeployment;
    let hook: WebhookReceiver;
    let batchHook: WebhookReceiver;

    beforeAll(async () => {
      site = await startFixtureSite();
      hook = await WebhookReceiver.start([{ status: 503 }, { status: 204 }]);
      batchHook = await WebhookReceiver.start([{ status: 503 }, { status: 204 }]);
      // A long wait after the first attempt: trawl is stopped within it.
      trawl = await start({ ...WEBHOOK_ENV, TRAWL_WEBHOOK_RETRY_BASE_MS: '60000' });
    });
    afterAll(async () => {
      await trawl?.stop();
      await site?.close();
      await hook?.stop();
      await batchHook?.stop();
    });

    it('resumes an unfinished delivery after a restart with the same id and body, numbering its attempts on (a task\'s and a batch\'s)', async () => {
      const { task } = await trawl.client.createTask({ url: `${site.baseUrl}/status/404`, webhook: hook.url });
      const batchResponse = await trawl.client.request('/api/v1/batches', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ urls: [`${site.baseUrl}/status/404`], webhook: batchHook.url }) });
      const batch = (await batchResponse.json()) as { id: string };
      await waitFor('the first attempt', async () => ((await taskEvents(trawl, task.id)).some((event) => event.type === 'WebhookAttempted') ? true : undefined));
      await waitFor('the batch\'s first attempt', async () => ((await batchStreamEvents(trawl, batch.id)).some((event) => event.type === 'WebhookAttempted') ? true : undefined));
      await trawl.processes.get(notifierProcess)!.stop();
      await trawl.start(notifierProcess);
      const events = await deliveryEnded(trawl, task.id);
      expect(hook.received).toHaveLength(2);
      expect(new Set(hook.received.map((request) => request.body)).size).toBe(1);
      expect(new Set(hook.received.map((request) => request.headers['trawl-webhook-id'])).size).toBe(1);
      const attempts = events.filter((event) => event.type === 'WebhookAttempted').map((event) => [event.data.attempt, event.data.outcome]);
      expect(attempts).toEqual([[1, 'retrying'], [2, 'delivered']]);
      const batchEvents = await batchDeliveryEnded(trawl, batch.id);
      expect(batchHook.received).toHaveLength(2);
      expect(new Set(batchHook.received.map((request) => request.body)).size).toBe(1);
      expect(new Set(batchHook.received.map((request) => request.headers['trawl-webhook-id'])).size).toBe(1);
      expect(payloadOf(batchHook.received[0]).type).toBe('batch.completed');
      const batchAttempts = batchEvents.filter((event) => event.type === 'WebhookAttempted').map((event) => [event.data.attempt, event.data.outcome]);
      expect(batchAttempts).toEqual([[1, 'retrying'], [2, 'delivered']]);
    });
  });
}
