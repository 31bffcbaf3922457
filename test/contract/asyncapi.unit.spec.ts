import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { SqliteEventStore, type NewEvent } from '@trawl/event-store';
import {
  batchRequestedEvent, batchStreamName, batchTaskId, batchUrlsAddedEvent, decideRequest, foldBatchEvents, foldExportEvents, taskStreamName, toBatchEvent, toTaskEvent,
  type BatchEvent, type TaskEvent,
} from '@trawl/domain';
import { defaultDeadLetterTopic } from '@trawl/job-bus';
import { topicNames } from '@trawl/platform';
import { emptyBatchCounts, type BatchView } from '@trawl/read-models';
import { EVENT_TYPE_HEADER, NodeHttpWebhookTransport, SIGNATURE_HEADER, WEBHOOK_ID_HEADER, deliverWebhook, type WebhookDelivery } from '@trawl/webhooks';
import { encodeJob } from '../../libs/job-bus/src/kafka/kafka-codec';
import { deadLetterHeaders } from '../../libs/job-bus/src/shared/dead-letter';
import { NetworkPolicy } from '../../libs/scraping/src/network-policy/network-policy';
import { WebhookReceiver } from '../../libs/webhooks/src/test-support/webhook-receiver';
import { batchDatasetEvent } from '../../apps/relay/src/batch-dataset-event';
import { datasetEventFor } from '../../apps/relay/src/dataset-events';
import { jobsFor } from '../../apps/relay/src/dispatch-rules';
import { exportDatasetEvent } from '../../apps/exporter/src/export-dataset-message';
import { batchDelivery } from '../../apps/notifier/src/batch-webhook-payload';
import { taskDelivery } from '../../apps/notifier/src/task-webhook-payload';
import type { WatchedBatch } from '../../apps/notifier/src/watched-batch';
import type { WatchedTask } from '../../apps/notifier/src/watched-task';

/**
 * docs/asyncapi.yaml against the code: every message trawl publishes (datasets, jobs, dead letters,
 * webhooks) is built here by the code that builds it in trawl, and validated against the document's
 * schemas, which allow no field they do not list. A field added in code without the document fails here.
 */
type Json = Record<string, unknown>;
const doc = parse(readFileSync(join(__dirname, '../../docs/asyncapi.yaml'), 'utf8')) as Json;
const base = 'http://127.0.0.1:3000';
const now = new Date('2026-12-01T10:00:00.000Z');

function pointer(ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local references: ${ref}`);
  return ref.slice(2).split('/').reduce<unknown>((node, key) => (node as Json | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

/** The schema with its references to components inlined (ajv sees one self-contained schema). */
function inline(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(inline);
  if (!node || typeof node !== 'object') return node;
  const { $ref, ...rest } = node as Json;
  if (typeof $ref === 'string') return inline(pointer($ref));
  return Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, inline(value)]));
}

const ajv = new Ajv({
  strict: true,
  allErrors: true,
  formats: {
    uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    uri: /^https?:\/\/[^\s]+$/,
    'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/,
  },
});

function expectValid(schemaName: string, value: unknown): void {
  const validate = ajv.compile(inline({ $ref: `#/components/schemas/${schemaName}` }) as object);
  const valid = validate(value);
  expect({ schemaName, valid, errors: validate.errors ?? [] }).toEqual({ schemaName, valid: true, errors: [] });
}

/** A message's schema, reached from the channel that carries it (so the channel's message list is checked too). */
function messageSchema(channel: string, message: string, part: 'payload' | 'headers'): string {
  const ref = ((pointer(`#/channels/${channel}/messages/${message}`) as Json).$ref as string) ?? '';
  return ((pointer(ref) as Json)[part] as Json).$ref!.toString().split('/').at(-1)!;
}

async function appended(store: SqliteEventStore, stream: string, events: { type: string; data: unknown }[]) {
  const newEvents: NewEvent[] = events.map((event) => ({ id: randomUUID(), type: event.type, data: event.data as Json }));
  await store.appendToStream(stream, newEvents, { expectedRevision: 'any' });
  return store.readStream(stream);
}

describe('docs/asyncapi.yaml: in step with the code', () => {
  let store: SqliteEventStore;
  beforeAll(() => (store = new SqliteEventStore({ path: ':memory:' })));
  afterAll(() => store.close());

  it('is AsyncAPI 3.0 whose references all resolve, operations send their channel\'s messages, and topics are the code\'s', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') for (const [key, value] of Object.entries(node)) key === '$ref' ? refs.push(String(value)) : walk(value);
    };
    walk(doc);
    for (const ref of refs) expect({ ref, resolves: pointer(ref) !== undefined }).toEqual({ ref, resolves: true });
    for (const [name, operation] of Object.entries(doc.operations as Record<string, { channel: { $ref: string }; messages: { $ref: string }[] }>)) {
      for (const message of operation.messages) expect({ name, message: message.$ref }).toEqual({ name, message: expect.stringMatching(new RegExp(`^${operation.channel.$ref}/messages/`)) });
    }
    const address = (channel: string) => (pointer(`#/channels/${channel}`) as { address: string }).address.replace('{prefix}', 'trawl');
    const topics = topicNames('trawl');
    expect([address('datasets'), address('pageJobs'), address('imageJobs')]).toEqual([topics.datasets, topics.pageJobs, topics.imageJobs]);
    expect(address('deadLetters').replace('{topic}', topics.pageJobs)).toBe(defaultDeadLetterTopic(topics.pageJobs));
    const webhookHeaders = pointer('#/components/schemas/WebhookHeaders') as { required: string[] };
    expect(webhookHeaders.required).toEqual(expect.arrayContaining([SIGNATURE_HEADER, WEBHOOK_ID_HEADER, EVENT_TYPE_HEADER]));
  });

  it('describes the dataset message of each final task status (the relay\'s datasetEventFor)', async () => {
    const finals: TaskEvent[] = [
      { type: 'TaskCompleted', data: { taskId: '', imagesStored: 2, imagesFailed: 1, completedAt: now.toISOString() } },
      { type: 'TaskFailed', data: { taskId: '', error: { code: 'http-404', message: 'the page answered 404' }, failedAt: now.toISOString() } },
      { type: 'TaskCancelled', data: { taskId: '', cancelledAt: now.toISOString() } },
    ];
    for (const final of finals) {
      const taskId = randomUUID();
      const requested = decideRequest({ taskId, url: 'http://127.0.0.1:8000/page', collect: ['text', 'images'], now });
      const recorded = await appended(store, taskStreamName(taskId), [requested, { type: final.type, data: { ...final.data, taskId } }]);
      const message = await datasetEventFor(toTaskEvent(recorded[1])!, recorded[1], store);
      expect(message).not.toBeNull();
      expectValid(messageSchema('datasets', 'taskDataset', 'payload'), JSON.parse(JSON.stringify(message)));
    }
  });

  it('describes the dataset message of a batch (the relay\'s batchDatasetEvent), completed and cancelled', async () => {
    const batchId = randomUUID();
    const url = 'http://127.0.0.1:8000/a';
    const entries = [{ taskId: batchTaskId(batchId, url), url, line: 1 }];
    const counts = { tasks: 1, completed: 1, failed: 0, cancelled: 0 };
    const events: BatchEvent[] = [
      batchRequestedEvent({ batchId, options: { collect: ['images'], respectRobots: true }, urls: 1, duplicates: 0, rejected: 0, now, webhook: { url: 'http://127.0.0.1:9/h', events: ['final'] } }).event,
      batchUrlsAddedEvent(batchId, 0, entries).event,
      { type: 'BatchCompleted', data: { batchId, counts, completedAt: now.toISOString() } },
    ];
    const recorded = await appended(store, batchStreamName(batchId), events);
    const completed = events[2] as Extract<BatchEvent, { type: 'BatchCompleted' }>;
    const state = foldBatchEvents(recorded.map(toBatchEvent).filter((event): event is BatchEvent => event !== null))!;
    const schema = messageSchema('datasets', 'batchDataset', 'payload');
    expectValid(schema, JSON.parse(JSON.stringify(batchDatasetEvent(state, completed.data, recorded[2]))));
    expectValid(schema, JSON.parse(JSON.stringify(batchDatasetEvent({ ...state, cancelled: true }, completed.data, recorded[2]))));
  });

  it('describes the dataset message of a batch export (the exporter\'s exportDatasetEvent)', () => {
    const exportId = randomUUID();
    const batchId = randomUUID();
    const state = foldExportEvents([
      { event: { type: 'ExportRequested', data: { exportId, source: { kind: 'batch', id: batchId }, format: 'webdataset', options: { shardSize: 1 << 20 }, attempt: 1, requestedAt: now.toISOString() } }, recordedAt: now.toISOString() },
      {
        event: { type: 'ExportCreated', data: { exportId, attempt: 1, samples: 3, createdAt: now.toISOString(), files: [{ name: 'shard-000000.tar', sha256: 'a'.repeat(64), bytes: 10240, contentType: 'application/x-tar' }] } },
        recordedAt: now.toISOString(),
      },
    ])!;
    const schema = messageSchema('datasets', 'batchExportReady', 'payload');
    expectValid(schema, JSON.parse(JSON.stringify(exportDatasetEvent(state, emptyBatchCounts(3), base, now.toISOString()))));
    expectValid(schema, JSON.parse(JSON.stringify(exportDatasetEvent(state, null, base, now.toISOString()))));
  });

  it('describes the page and image jobs (the relay\'s jobsFor), their Kafka headers and dead letters', () => {
    const taskId = randomUUID();
    const requested = decideRequest({ taskId, url: 'http://127.0.0.1:8000/page', collect: ['images'], respectRobots: false, now });
    const requeued: TaskEvent = { type: 'TaskRequeued', data: { taskId, run: 2, url: 'http://127.0.0.1:8000/page', collect: ['images'], requeuedAt: now.toISOString() } };
    const discovered: TaskEvent = { type: 'ImagesDiscovered', data: { taskId, images: [{ imageId: 'i1', url: 'http://127.0.0.1:8000/a.png', ordinal: 0 }], respectRobots: true } };
    const pages = [...jobsFor(requested, 'c1').pages, ...jobsFor(requeued, 'c1').pages];
    const images = jobsFor(discovered, 'c1').images;
    expect([pages.length, images.length]).toEqual([2, 1]);
    for (const [channel, message, jobs] of [['pageJobs', 'pageJob', pages], ['imageJobs', 'imageJob', images]] as const) {
      for (const job of jobs) {
        const encoded = encodeJob(job, { attempt: 2, notBefore: now.getTime(), retryGroup: 'trawl-fetchers-pages' });
        expectValid(messageSchema(channel, message, 'payload'), JSON.parse(String(encoded.value)));
        expectValid(messageSchema(channel, message, 'headers'), encoded.headers);
        const dead = deadLetterHeaders({ id: job.id!, topic: channel, key: job.key, payload: job.payload, attempt: 4, headers: { 'correlation-id': 'c1' } }, new Error('boom'));
        expectValid(messageSchema('deadLetters', message === 'pageJob' ? 'deadPageJob' : 'deadImageJob', 'headers'), { 'job-id': job.id!, attempt: '4', ...dead });
      }
    }
  });

  describe('webhooks, as a receiver gets them (the notifier\'s payloads, signed and sent by deliverWebhook)', () => {
    let receiver: WebhookReceiver;
    beforeAll(async () => (receiver = await WebhookReceiver.start()));
    afterAll(() => receiver.stop());
    const transport = new NodeHttpWebhookTransport(new NetworkPolicy({ allowPrivate: ['127.0.0.1/32'], egressOnly: ['127.0.0.0/8'] }));

    async function received(delivery: WebhookDelivery): Promise<{ headers: Json; body: Json }> {
      const before = receiver.received.length;
      await deliverWebhook(delivery, { transport, secret: 'a-secret-of-sixteen-chars', deadLetter: () => undefined });
      const request = receiver.received[before];
      const names = Object.keys((pointer('#/components/schemas/WebhookHeaders') as { properties: Json }).properties);
      // HTTP header names are case-insensitive: compare under the document's spelling.
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [names.find((known) => known.toLowerCase() === name) ?? name, value]));
      return { headers, body: JSON.parse(request.body) as Json };
    }

    it('describes the task webhook: final statuses and progress', async () => {
      const task: WatchedTask = { taskId: randomUUID(), webhook: { url: receiver.url, events: ['final', 'progress'] }, status: 'completed', run: 1, imagesFound: 3, imagesStored: 2, imagesFailed: 1, error: null };
      for (const [status, notification] of [['completed', 'final'], ['failed', 'final'], ['cancelled', 'final'], ['running', 'progress']] as const) {
        const sent = await received(taskDelivery({ ...task, status }, notification, 4n, now, base));
        expectValid(messageSchema('webhook', 'taskWebhook', 'payload'), sent.body);
        expectValid(messageSchema('webhook', 'taskWebhook', 'headers'), sent.headers);
      }
    });

    it('describes the batch webhook: completed, cancelled and progress, with and without the view\'s counts', async () => {
      const batch: WatchedBatch = { batchId: randomUUID(), webhook: { url: receiver.url, events: ['final', 'progress'] }, status: 'completed', cancelRequested: false, tasks: 3, released: 3, completed: 2, failed: 1, cancelled: 0 };
      const view = { counts: { ...emptyBatchCounts(3), images: { found: 4, stored: 3, failed: 1 }, bytesStored: 2048 } } as BatchView;
      const cases = [
        [{ ...batch }, 'final', view],
        [{ ...batch, status: 'cancelled' as const }, 'final', null],
        [{ ...batch, status: 'running' as const }, 'progress', view],
      ] as const;
      for (const [state, notification, counts] of cases) {
        const sent = await received(batchDelivery(state, notification, { revision: 9n, recordedAt: now }, base, counts));
        expectValid(messageSchema('webhook', 'batchWebhook', 'payload'), sent.body);
        expectValid(messageSchema('webhook', 'batchWebhook', 'headers'), sent.headers);
      }
    });

    it('refuses a payload with a field the document does not list (the check can fail)', async () => {
      const task: WatchedTask = { taskId: randomUUID(), webhook: { url: receiver.url }, status: 'completed', run: 1, imagesFound: 0, imagesStored: 0, imagesFailed: 0, error: null };
      const body = (await received(taskDelivery(task, 'final', 1n, now, base))).body as { data: Json };
      const validate = ajv.compile(inline({ $ref: '#/components/schemas/TaskWebhookPayload' }) as object);
      expect(validate({ ...body, data: { ...body.data, surprise: 1 } })).toBe(false);
      expect(validate.errors?.[0]).toMatchObject({ keyword: 'additionalProperties', params: { additionalProperty: 'surprise' } });
    });
  });
});
