import type { KafkaMessage, Message } from 'kafkajs';
import { decodeJob, encodeJob, undecodableJob } from './kafka-codec';

/** What the broker hands back for a message we produced. */
function received(message: Message, offset = '42'): KafkaMessage {
  const headers = Object.fromEntries(
    Object.entries(message.headers ?? {}).map(([name, value]) => [name, Buffer.from(String(value))]),
  );
  return {
    key: Buffer.from(String(message.key)),
    value: message.value === null ? null : Buffer.from(String(message.value)),
    headers,
    offset,
    timestamp: '0',
    attributes: 0,
  } as KafkaMessage;
}

describe('Kafka job codec', () => {
  it('carries id, key, payload, attempt and headers through a message', () => {
    const message = encodeJob(
      { id: 'job-1', key: 'example.org', payload: { url: 'https://example.org/' }, headers: { trace: 't' } },
      { attempt: 2, notBefore: 1_700_000_000_000, retryGroup: 'fetchers' },
    );
    expect(decodeJob('pages', 3, received(message))).toEqual({
      job: { id: 'job-1', topic: 'pages', key: 'example.org', payload: { url: 'https://example.org/' }, attempt: 2, headers: { trace: 't' } },
      notBefore: 1_700_000_000_000,
      retryGroup: 'fetchers',
    });
  });

  it('keeps the bus headers out of the job headers, and a job cannot forge them', () => {
    const message = encodeJob({ id: 'job-1', key: 'k', payload: 1, headers: { attempt: '9', 'not-before': '1' } });
    const { job, notBefore } = decodeJob('pages', 0, received(message));
    expect(job.attempt).toBe(1);
    expect(job.headers).toEqual({});
    expect(notBefore).toBeUndefined();
  });

  it('carries the shard, shard 0 included, and leaves it out when the job had none', () => {
    expect(decodeJob('pages', 0, received(encodeJob({ key: 'k', shard: 0, payload: null }))).job.shard).toBe(0);
    const sharded = decodeJob('pages', 0, received(encodeJob({ key: 'k', shard: 7, payload: null }))).job;
    expect(sharded).toMatchObject({ key: 'k', shard: 7, headers: {} });
    // A retry re-encodes the job it received: the shard (so the partition) stays.
    expect(decodeJob('pages', 0, received(encodeJob(sharded, { attempt: 2 }))).job.shard).toBe(7);
    expect(decodeJob('pages', 0, received(encodeJob({ key: 'k', payload: null }))).job).not.toHaveProperty('shard');
  });

  it('gives a job without an id a random one', () => {
    const a = decodeJob('pages', 0, received(encodeJob({ key: 'k', payload: null }))).job.id;
    const b = decodeJob('pages', 0, received(encodeJob({ key: 'k', payload: null }))).job.id;
    expect(a).not.toEqual(b);
  });

  it('refuses a message that is not JSON, and still describes it for the dead letter', () => {
    const foreign = received({ key: 'k', value: 'not json', headers: {} }, '7');
    expect(() => decodeJob('pages', 1, foreign)).toThrow(SyntaxError);
    expect(undecodableJob('pages', 1, foreign)).toEqual({ id: 'pages/1/7', topic: 'pages', key: 'k', payload: 'not json', attempt: 1, headers: {} });
  });
});
