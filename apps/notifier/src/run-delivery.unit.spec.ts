import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@trawl/event-store';
import { decideRequest, taskStreamName, toTaskEvent, toWebhookEvent } from '@trawl/domain';
import { NodeHttpWebhookTransport, verifyWebhookSignature, webhookPayload, type WebhookDelivery } from '@trawl/webhooks';
import { WebhookReceiver, deadUrl } from '../../../libs/webhooks/src/test-support/webhook-receiver';
import { NetworkPolicy } from '../../../libs/scraping/src/network-policy/network-policy';
import { DeliveryJournal } from './delivery-journal';
import { runDelivery, type DeliverySettings } from './run-delivery';

const SECRET = 'a-secret-of-sixteen-chars';
const transport = new NodeHttpWebhookTransport(new NetworkPolicy({ allowPrivate: ['127.0.0.1/32'], egressOnly: ['127.0.0.0/8'] }));

describe('runDelivery: a delivery recorded in the task stream (SQLite store, loopback receivers)', () => {
  let store: SqliteEventStore;
  let journal: DeliveryJournal;
  let receiver: WebhookReceiver | undefined;
  const taskId = randomUUID();
  const stream = taskStreamName(taskId);

  beforeEach(async () => {
    store = new SqliteEventStore({ path: ':memory:' });
    journal = new DeliveryJournal(store);
    const requested = decideRequest({ taskId, url: 'http://127.0.0.1/', collect: ['text'], now: new Date() });
    await store.appendToStream(stream, [{ id: randomUUID(), type: requested.type, data: requested.data }], { expectedRevision: 'no_stream' });
  });
  afterEach(async () => {
    await receiver?.stop();
    receiver = undefined;
    await store.close();
  });

  function settings(overrides: Partial<DeliverySettings> = {}): DeliverySettings {
    return { transport, secret: SECRET, maxAttempts: 4, baseDelayMs: 10, timeoutMs: 2000, signal: new AbortController().signal, ...overrides };
  }

  function delivery(url: string): WebhookDelivery {
    const payload = webhookPayload({ kind: 'task', id: taskId, status: 'completed', counts: { imagesStored: 1 }, links: {}, createdAt: new Date(0) });
    return { id: payload.id, url, eventType: payload.type, payload };
  }

  async function webhookEvents() {
    return (await store.readStream(stream)).map(toWebhookEvent).filter((event) => event !== null);
  }

  it('retries a receiver that fails twice: three signed requests with one id, three attempts and the delivery in the stream', async () => {
    receiver = await WebhookReceiver.start([{ status: 503 }, { status: 500 }, { status: 204 }]);
    const sent = delivery(receiver.url);
    await runDelivery(journal, { streamName: stream, ownerId: taskId }, sent, settings());
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((request) => request.headers['trawl-webhook-id']))).toEqual(new Set([sent.id]));
    for (const request of receiver.received) {
      expect(verifyWebhookSignature({ body: request.body, header: request.headers['trawl-signature'] as string, secret: SECRET })).toMatchObject({ valid: true });
    }
    const events = await webhookEvents();
    expect(events.map((event) => [event.type, 'attempt' in event.data ? event.data.attempt : null, 'outcome' in event.data ? event.data.outcome : null])).toEqual([
      ['WebhookAttempted', 1, 'retrying'],
      ['WebhookAttempted', 2, 'retrying'],
      ['WebhookAttempted', 3, 'delivered'],
      ['WebhookDelivered', null, null],
    ]);
    // Not task events: folds and the projector pass over them.
    for (const recorded of (await store.readStream(stream)).slice(1)) expect(toTaskEvent(recorded)).toBeNull();
  });

  it('appends nothing twice and sends nothing when run again after the end (a replay)', async () => {
    receiver = await WebhookReceiver.start([{ status: 200 }]);
    const sent = delivery(receiver.url);
    await runDelivery(journal, { streamName: stream, ownerId: taskId }, sent, settings());
    await runDelivery(journal, { streamName: stream, ownerId: taskId }, sent, settings());
    expect(receiver.received).toHaveLength(1);
    expect((await webhookEvents()).map((event) => event.type)).toEqual(['WebhookAttempted', 'WebhookDelivered']);
  });

  it('dead-letters a receiver that is down once the attempts are spent, with the body and the last error', async () => {
    const sent = delivery(await deadUrl());
    await runDelivery(journal, { streamName: stream, ownerId: taskId }, sent, settings({ maxAttempts: 3 }));
    const events = await webhookEvents();
    expect(events.map((event) => event.type)).toEqual(['WebhookAttempted', 'WebhookAttempted', 'WebhookAttempted', 'WebhookDeadLettered']);
    expect(events[3].data).toMatchObject({ attempts: 3, lastError: { code: 'webhook-connection-failed' }, body: JSON.stringify(sent.payload) });
  });

  it('resumes after a restart from the attempts the stream records, numbering on', async () => {
    receiver = await WebhookReceiver.start([{ status: 503 }, { status: 204 }]);
    const sent = delivery(receiver.url);
    const stopped = new AbortController();
    // The first run is stopped (shutdown) during its back-off after attempt 1.
    const first = runDelivery(journal, { streamName: stream, ownerId: taskId }, sent, settings({ baseDelayMs: 60_000, signal: stopped.signal }));
    while (receiver.received.length < 1 || (await webhookEvents()).length < 1) await new Promise((resolve) => setTimeout(resolve, 10));
    stopped.abort();
    await expect(first).rejects.toBeDefined();
    await runDelivery(journal, { streamName: stream, ownerId: taskId }, sent, settings());
    const events = await webhookEvents();
    expect(events.map((event) => [event.type, 'attempt' in event.data ? event.data.attempt : event.data.attempts])).toEqual([
      ['WebhookAttempted', 1],
      ['WebhookAttempted', 2],
      ['WebhookDelivered', 2],
    ]);
    expect(receiver.received.map((request) => request.body)).toEqual([JSON.stringify(sent.payload), JSON.stringify(sent.payload)]);
  });

  it('dead-letters at once, sending nothing, when the notifier has no secret to sign with', async () => {
    receiver = await WebhookReceiver.start();
    await runDelivery(journal, { streamName: stream, ownerId: taskId }, delivery(receiver.url), settings({ secret: undefined }));
    expect(receiver.received).toHaveLength(0);
    expect((await webhookEvents())[0]).toMatchObject({ type: 'WebhookDeadLettered', data: { attempts: 0, lastError: { code: 'webhook-not-configured' } } });
  });
});
