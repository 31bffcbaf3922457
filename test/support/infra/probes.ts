import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { applyKafkajsIdleTimerFix } from '@trawl/job-bus';

/**
 * True when a Kafka broker at `brokers` (comma-separated host:port) answers a metadata request, i.e. an admin
 * client can list topics. kafkajs' own retries and logging are off: the caller polls.
 */
export async function kafkaAnswers(brokers: string): Promise<boolean> {
  // As trawl's own clients: no 1 ms timer left polling after the probe (and no TimeoutNegativeWarning).
  applyKafkajsIdleTimerFix();
  const kafka = new Kafka({
    clientId: 'trawl-test-infra-probe',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 2_000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** True when a MongoDB-compatible server at `url` answers `ping`. */
export async function mongoAnswers(url: string): Promise<boolean> {
  const connection = mongoose.createConnection(url, { serverSelectionTimeoutMS: 1_000, connectTimeoutMS: 1_000 });
  try {
    await connection.asPromise();
    const answer = await connection.db?.admin().ping();
    return answer?.ok === 1;
  } catch {
    return false;
  } finally {
    await connection.close().catch(() => undefined);
  }
}
