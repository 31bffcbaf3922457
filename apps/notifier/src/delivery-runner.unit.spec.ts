import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@trawl/event-store';
import type { ReadModelStore } from '@trawl/read-models';
import { NodeHttpWebhookTransport, webhookPayload, type WebhookDelivery } from '@trawl/webhooks';
import { NetworkPolicy } from '../../../libs/scraping/src/network-policy/network-policy';
import { WebhookReceiver } from '../../../libs/webhooks/src/test-support/webhook-receiver';
import { DeliveryJournal } from './delivery-journal';
import { DeliveryRunner } from './delivery-runner';
import { HeldCheckpoint } from './held-checkpoint';

const transport = new NodeHttpWebhookTransport(new NetworkPolicy({ allowPrivate: ['127.0.0.1/32'], egressOnly: ['127.0.0.0/8'] }));

describe('delivery runner: deliveries beside the subscription (SQLite store, loopback receiver)', () => {
  let store: SqliteEventStore;
  let receiver: WebhookReceiver;
  const saved: string[] = [];
  const checkpointStore = { getCheckpoint: async () => 'p0', saveCheckpoint: async (_name: string, position: string) => void saved.push(position) } as unknown as ReadModelStore;

  beforeEach(async () => {
    saved.length = 0;
    store = new SqliteEventStore({ path: ':memory:' });
    receiver = await WebhookReceiver.start();
  });
  afterEach(async () => {
    await receiver.stop();
    await store.close();
  });

  function delivery(batchId: string): WebhookDelivery {
    const payload = webhookPayload({ kind: 'batch', id: batchId, status: 'completed', counts: { tasks: 1 }, links: {}, createdAt: new Date(0) });
    return { id: payload.id, url: receiver.url, eventType: payload.type, payload };
  }

  it('builds a final delivery when it runs, holds the checkpoint until it is delivered, and runs one id once at a time', async () => {
    const checkpoint = new HeldCheckpoint(checkpointStore, 'notifier');
    await checkpoint.load();
    const runner = new DeliveryRunner(new DeliveryJournal(store), checkpoint, { transport, secret: 'a-secret-of-sixteen-chars', maxAttempts: 2, baseDelayMs: 10, timeoutMs: 2000, signal: new AbortController().signal }, { warn: () => undefined });
    const batchId = randomUUID();
    const sent = delivery(batchId);
    let release!: () => void;
    const viewReady = new Promise<void>((resolve) => (release = resolve));
    let builds = 0;
    const pending = { id: sent.id, target: { streamName: `batch-${batchId}`, ownerId: batchId }, final: true, build: async () => ((builds += 1), await viewReady, sent) };
    runner.start(pending);
    runner.start(pending);
    await checkpoint.advance('p1');
    await checkpoint.flush();
    expect([runner.inFlight, checkpoint.isHeld(sent.id), builds]).toEqual([1, true, 1]);
    expect(saved).toEqual([]);
    release();
    await runner.drain();
    await checkpoint.flush();
    expect(receiver.received).toHaveLength(1);
    expect(checkpoint.isHeld(sent.id)).toBe(false);
    expect(saved.at(-1)).toBe('p1');
    expect((await store.readStream(`batch-${batchId}`)).map((event) => event.type)).toEqual(['WebhookAttempted', 'WebhookDelivered']);
  });

  it('starts nothing once shut down, but keeps the hold of a final status so the checkpoint does not pass it', async () => {
    const checkpoint = new HeldCheckpoint(checkpointStore, 'notifier');
    await checkpoint.load();
    const shutdown = new AbortController();
    shutdown.abort();
    const runner = new DeliveryRunner(new DeliveryJournal(store), checkpoint, { transport, secret: 'a-secret-of-sixteen-chars', maxAttempts: 2, baseDelayMs: 10, timeoutMs: 2000, signal: shutdown.signal }, { warn: () => undefined });
    const sent = delivery(randomUUID());
    runner.start({ id: sent.id, target: { streamName: 'batch-x', ownerId: 'x' }, final: true, build: () => sent });
    expect([runner.inFlight, checkpoint.isHeld(sent.id)]).toEqual([0, true]);
    expect(receiver.received).toHaveLength(0);
  });
});
