import { resolve } from 'node:path';
import { UnavailableError } from '@trawl/errors';
import type { ConsumeOptions, JobBus, JobConsumer, OutgoingJob } from '../job-bus.port';
import { Notifier } from '../shared/notifier';
import { resolveLocalConfig, type LocalJobBusConfig, type ResolvedLocalJobBusConfig } from './local-job-bus.config';
import { LocalJobConsumer } from './local-job-consumer';
import { translatingSqliteErrors } from './sqlite-errors';
import { SqliteJobQueue } from './sqlite-job-queue';
import { WalSync } from './wal-sync';

/**
 * Members in this process wake at once on a publish here; other processes' publishes are polled. One
 * notifier per file and topic: a job done or published on one topic wakes only that topic's members
 * (each wake is a claim, a write statement, per member).
 */
const wakersByTopic = new Map<string, Notifier>();

function wakerOf(file: string, topic: string): Notifier {
  const key = `${file}\n${topic}`;
  let notifier = wakersByTopic.get(key);
  if (!notifier) {
    notifier = new Notifier();
    wakersByTopic.set(key, notifier);
  }
  return notifier;
}

const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * The job bus of an embedded trawl: the same at-least-once contract as Kafka, durable in a SQLite
 * file (a crash loses no job: a held job's lease runs out and another member takes it).
 */
export class LocalJobBus implements JobBus {
  private readonly config: ResolvedLocalJobBusConfig;
  private readonly queue: SqliteJobQueue;
  private readonly file: string;
  private readonly durability: WalSync;
  private readonly consumers = new Set<JobConsumer>();
  private pruneTimer?: NodeJS.Timeout;

  constructor(config: LocalJobBusConfig) {
    this.config = resolveLocalConfig(config);
    const file = resolve(this.config.path);
    this.queue = translatingSqliteErrors(`opening ${file}`, () => new SqliteJobQueue(file, this.config.busyTimeoutMs));
    this.file = file;
    this.durability = new WalSync(`${file}-wal`);
  }

  /**
   * Resolves once the jobs are on disk, as a Kafka publish resolves once the brokers have them. The
   * members in this process are woken as soon as the jobs are committed (they may start one before
   * the fsync ends: its effects are events, idempotent, and the publisher's replay republishes a job
   * a power cut took). Concurrent publishes share one fsync, run off the event loop (WalSync).
   */
  async publish(topic: string, jobs: readonly OutgoingJob[]): Promise<void> {
    if (jobs.length === 0) return;
    translatingSqliteErrors(`publishing to ${topic}`, () => this.queue.publish(topic, jobs, Date.now()));
    wakerOf(this.file, topic).notify();
    await this.durability.sync().catch((error: unknown) => {
      throw new UnavailableError(`job queue unavailable while syncing the jobs published to ${topic}: ${(error as Error).message}`, { cause: error });
    });
  }

  async consume<Payload = unknown>(options: ConsumeOptions<Payload>): Promise<JobConsumer> {
    const member = new LocalJobConsumer(this.queue, options, this.config, (topic) => wakerOf(this.file, topic));
    translatingSqliteErrors(`subscribing ${options.group}`, () =>
      this.queue.subscribe(options.topic, options.group, Date.now()),
    );
    this.prune();
    this.pruneTimer ??= setInterval(() => this.prune(), PRUNE_EVERY_MS).unref();
    member.start();
    const handle: JobConsumer = {
      stop: async () => {
        this.consumers.delete(handle);
        await member.stop();
      },
    };
    this.consumers.add(handle);
    return handle;
  }

  async lag(topic: string, group: string): Promise<number> {
    return translatingSqliteErrors(`reading the lag of ${group} on ${topic}`, () => this.queue.pending(topic, group));
  }

  async ping(): Promise<void> {
    translatingSqliteErrors('pinging', () => this.queue.ping());
  }

  /** Stops every consumer of this bus (gracefully), then closes the file. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.consumers].map((consumer) => consumer.stop()));
    clearInterval(this.pruneTimer);
    await this.durability.close();
    this.queue.close();
  }

  private prune(): void {
    try {
      this.queue.prune(Date.now() - this.config.retentionMs);
    } catch {
      // Pruning is housekeeping: a locked file only delays it.
    }
  }
}
