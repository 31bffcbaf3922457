import { verifyWebhookSignature } from '../signature/verify-webhook-signature';
import { NetworkPolicy } from '../transport/network-guards';
import { NodeHttpWebhookTransport } from '../transport/node-http-webhook-transport';
import { webhookPayload } from '../payload/webhook-payload';
import { WebhookReceiver, deadUrl, type ReceiverAnswer } from '../test-support/webhook-receiver';
import { deliverWebhook } from './deliver-webhook';
import type { DeliverWebhookOptions, WebhookAttemptReport, WebhookDeadLetter, WebhookDelivery } from './webhook-delivery.types';

const SECRET = 'whsec_loopback_test';
/** Loopback only, and exempted from the private-address block for the receivers of these tests. */
const LOOPBACK_ALLOWED = new NetworkPolicy({ allowPrivate: ['127.0.0.1/32'], egressOnly: ['127.0.0.0/8'] });
/** The production default, which blocks 127.0.0.1 (the only address these tests ever reach). */
const STRICT = new NetworkPolicy({ allowPrivate: [], egressOnly: ['127.0.0.0/8'] });

function delivery(url: string): WebhookDelivery {
  const payload = webhookPayload({
    kind: 'task',
    id: 'c0ffee00-0000-4000-8000-000000000001',
    status: 'completed',
    counts: { imagesStored: 12, imagesFailed: 1 },
    links: { self: 'http://127.0.0.1:3000/api/v1/tasks/c0ffee00-0000-4000-8000-000000000001' },
    createdAt: new Date('2026-12-01T10:00:00Z'),
  });
  return { id: payload.id, url, eventType: payload.type, payload };
}

/** Runs one delivery, recording its attempt reports, dead letters and waits. */
async function run(url: string, overrides: Partial<DeliverWebhookOptions> = {}) {
  const reports: WebhookAttemptReport[] = [];
  const deadLetters: WebhookDeadLetter[] = [];
  const waits: number[] = [];
  const result = await deliverWebhook(delivery(url), {
    transport: new NodeHttpWebhookTransport(LOOPBACK_ALLOWED),
    secret: SECRET,
    schedule: { maxAttempts: 4, baseDelayMs: 20, factor: 2, maxDelayMs: 5_000 },
    timeoutMs: 2_000,
    onAttempt: (report) => void reports.push(report),
    deadLetter: (letter) => void deadLetters.push(letter),
    sleep: async (ms) => {
      waits.push(ms);
      await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 50)));
    },
    ...overrides,
  });
  return { result, reports, deadLetters, waits };
}

describe('deliverWebhook to a loopback receiver', () => {
  let receiver: WebhookReceiver | undefined;
  afterEach(() => receiver?.stop());
  const start = async (answers: ReceiverAnswer[]) => (receiver = await WebhookReceiver.start(answers));

  it('delivers once, signed, with the idempotency key and event type', async () => {
    const { url, received } = await start([{ status: 204 }]);
    const { result, reports, deadLetters } = await run(url);
    expect(result).toEqual({ outcome: 'delivered', attempts: 1 });
    expect(received).toHaveLength(1);
    const [{ headers, body }] = received;
    expect(verifyWebhookSignature({ body, header: headers['trawl-signature'] as string, secret: SECRET })).toMatchObject({ valid: true });
    expect(headers).toMatchObject({ 'content-type': 'application/json', 'trawl-webhook-id': delivery(url).id, 'trawl-event-type': 'task.completed' });
    expect(JSON.parse(body)).toEqual(delivery(url).payload);
    expect(reports).toEqual([expect.objectContaining({ attempt: 1, outcome: 'delivered', status: 204 })]);
    expect(deadLetters).toEqual([]);
  });

  it('a receiver that fails twice then succeeds gets it three times, with one idempotency key', async () => {
    const { url, received } = await start([{ status: 500 }, { status: 503 }, { status: 200 }]);
    const { result, reports, waits } = await run(url);
    expect(result).toEqual({ outcome: 'delivered', attempts: 3 });
    expect(received).toHaveLength(3);
    expect(new Set(received.map(({ headers }) => headers['trawl-webhook-id']))).toEqual(new Set([delivery(url).id]));
    expect(new Set(received.map(({ body }) => body)).size).toBe(1);
    for (const { headers, body } of received) {
      expect(verifyWebhookSignature({ body, header: headers['trawl-signature'] as string, secret: SECRET }).valid).toBe(true);
    }
    expect(reports.map(({ outcome, status }) => [outcome, status])).toEqual([['retrying', 500], ['retrying', 503], ['delivered', 200]]);
    // Exponential with equal jitter: attempt n waits between half and all of 20 ms × 2^(n-1).
    expect(waits[0]).toBeGreaterThanOrEqual(10);
    expect(waits[0]).toBeLessThanOrEqual(20);
    expect(waits[1]).toBeGreaterThanOrEqual(20);
    expect(waits[1]).toBeLessThanOrEqual(40);
  });

  it('honours Retry-After on 429', async () => {
    const { url } = await start([{ status: 429, headers: { 'retry-after': '3' } }, { status: 200 }]);
    const { result, waits } = await run(url);
    expect(result.outcome).toBe('delivered');
    expect(waits).toEqual([3000]);
  });

  it('a receiver that is down lands in the dead letter after the last attempt', async () => {
    const url = await deadUrl();
    const { result, reports, deadLetters } = await run(url);
    expect(result).toMatchObject({ outcome: 'dead-lettered', attempts: 4, lastError: { code: 'webhook-connection-failed' } });
    expect(reports.map(({ outcome }) => outcome)).toEqual(['retrying', 'retrying', 'retrying', 'failed']);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]).toMatchObject({ attempts: 4, delivery: { id: delivery(url).id, url }, body: JSON.stringify(delivery(url).payload) });
  });

  it('a receiver that never answers times out, retryably', async () => {
    const { url, received } = await start(['hang']);
    const { result } = await run(url, { timeoutMs: 200, schedule: { maxAttempts: 2, baseDelayMs: 10 } });
    expect(result).toMatchObject({ outcome: 'dead-lettered', attempts: 2, lastError: { code: 'webhook-timeout' } });
    expect(received).toHaveLength(2);
  });

  it.each([
    ['400', { status: 400 }],
    ['a redirect (never followed)', { status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } }],
  ])('%s is final: dead-lettered after one attempt', async (_label, answer) => {
    const { url, received } = await start([answer, { status: 200 }]);
    const { result, deadLetters } = await run(url);
    expect(result).toMatchObject({ outcome: 'dead-lettered', attempts: 1, lastError: { code: 'webhook-http-status', status: answer.status } });
    expect(received).toHaveLength(1);
    expect(deadLetters).toHaveLength(1);
  });

  it('an address the network policy blocks gets no connection: dead-lettered at once', async () => {
    const { url, received } = await start([{ status: 200 }]);
    const viaName = url.replace('127.0.0.1', 'localhost');
    for (const target of [url, viaName]) {
      const { result } = await run(target, { transport: new NodeHttpWebhookTransport(STRICT) });
      expect(result).toMatchObject({ outcome: 'dead-lettered', attempts: 1, lastError: { code: 'blocked-address' } });
    }
    expect(received).toEqual([]);
  });
});
