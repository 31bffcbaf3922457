import { randomUUID } from 'node:crypto';
import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { Job, OutgoingJob } from '../job-bus.port';

/** Headers the bus itself reads; they are not part of `Job.headers`. */
const JOB_ID = 'job-id';
const ATTEMPT = 'attempt';
const NOT_BEFORE = 'not-before';
/** A retry is re-published to the shared topic; other groups must not take it for a new job. */
const RETRY_GROUP = 'retry-group';
/** `OutgoingJob.shard`, read by the ShardingPartitioner. */
export const SHARD = 'shard';
const RESERVED = new Set([JOB_ID, ATTEMPT, NOT_BEFORE, RETRY_GROUP, SHARD]);

export interface Delivery {
  attempt?: number;
  /** Epoch ms before which the job must not be handled (retry back-off). */
  notBefore?: number;
  /** The only group that handles this message: set on retries. */
  retryGroup?: string;
}

export interface DecodedMessage {
  job: Job;
  notBefore?: number;
  retryGroup?: string;
}

export function encodeJob(job: OutgoingJob, delivery: Delivery = {}): Message {
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(job.headers ?? {})) {
    if (!RESERVED.has(name)) headers[name] = value;
  }
  headers[JOB_ID] = job.id ?? randomUUID();
  headers[ATTEMPT] = String(delivery.attempt ?? 1);
  if (delivery.notBefore !== undefined) headers[NOT_BEFORE] = String(delivery.notBefore);
  if (delivery.retryGroup !== undefined) headers[RETRY_GROUP] = delivery.retryGroup;
  if (job.shard !== undefined) headers[SHARD] = String(job.shard);
  return { key: job.key, value: JSON.stringify(job.payload ?? null), headers };
}

/** Throws on a message this bus did not write (no JSON value); the caller dead-letters it. */
export function decodeJob(topic: string, partition: number, message: KafkaMessage): DecodedMessage {
  const raw = readHeaders(message.headers);
  const job = envelope(topic, partition, message, raw);
  job.payload = JSON.parse(message.value?.toString() ?? 'null');
  return { job, notBefore: positiveInt(raw[NOT_BEFORE]), retryGroup: raw[RETRY_GROUP] };
}

/** The job around a message that failed `decodeJob` (raw text payload), for the dead letter. */
export function undecodableJob(topic: string, partition: number, message: KafkaMessage): Job {
  const job = envelope(topic, partition, message, readHeaders(message.headers));
  job.payload = message.value?.toString() ?? null;
  return job;
}

function envelope(topic: string, partition: number, message: KafkaMessage, raw: Record<string, string>): Job {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!RESERVED.has(name)) headers[name] = value;
  }
  const shard = shardHeader(raw[SHARD]);
  return {
    id: raw[JOB_ID] ?? `${topic}/${partition}/${message.offset}`,
    topic,
    key: message.key?.toString() ?? '',
    ...(shard === undefined ? {} : { shard }),
    payload: null,
    attempt: positiveInt(raw[ATTEMPT]) ?? 1,
    headers,
  };
}

function readHeaders(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) result[name] = last.toString();
  }
  return result;
}

/** The shard header as a number (0 included); undefined when absent or not a whole number. */
export function shardHeader(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,9}$/.test(text)) return undefined;
  return Number(text);
}

function positiveInt(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}
