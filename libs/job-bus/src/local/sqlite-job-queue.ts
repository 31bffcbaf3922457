import { randomUUID } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Job, OutgoingJob } from '../job-bus.port';
import { inDurableTransaction, inWriteTransaction, openQueueDatabase } from './sqlite-schema';

/** A delivery this member holds a lease on, with its job. */
export interface ClaimedDelivery {
  deliveryId: number;
  job: Job;
}

interface DeliveryRow {
  id: number;
  seq: number;
  attempt: number;
}

interface MessageRow {
  topic: string;
  job_id: string;
  job_key: string;
  payload: string;
  headers: string;
}

/**
 * The durable queue behind the in-process bus. Every change is one statement or one IMMEDIATE
 * transaction, so several processes sharing the file never see half a change; every change to a
 * held delivery checks the lease owner, so a member that lost its lease changes nothing. Subscriptions
 * and dead letters are fsynced as they commit; publishes are made durable by the bus (WalSync), off
 * the event loop; the per-delivery bookkeeping is not fsynced (inDurableTransaction says why).
 */
export class SqliteJobQueue {
  private readonly db: DatabaseSync;
  private readonly insertMessage: StatementSync;
  private readonly fanOut: StatementSync;
  private readonly claimStatement: StatementSync;
  private readonly anyVisible: StatementSync;
  private readonly readMessage: StatementSync;
  private readonly extendLease: StatementSync;
  private readonly deleteDelivery: StatementSync;
  private readonly postpone: StatementSync;

  constructor(path: string, busyTimeoutMs: number) {
    this.db = openQueueDatabase(path, busyTimeoutMs);
    this.insertMessage = this.db.prepare(
      `INSERT INTO job_messages (topic, job_id, job_key, payload, headers, published_at)
       VALUES (?, ?, ?, ?, ?, ?) RETURNING seq`,
    );
    this.fanOut = this.db.prepare(
      `INSERT INTO job_deliveries (seq, topic, group_name, attempt, visible_at)
       SELECT ?, topic, group_name, 1, ? FROM job_subscriptions WHERE topic = ?`,
    );
    this.claimStatement = this.db.prepare(
      `UPDATE job_deliveries SET lease_owner = ?, visible_at = ?
       WHERE id IN (SELECT id FROM job_deliveries WHERE topic = ? AND group_name = ? AND visible_at <= ?
                    ORDER BY visible_at, seq LIMIT ?)
       RETURNING id, seq, attempt`,
    );
    this.anyVisible = this.db.prepare('SELECT 1 FROM job_deliveries WHERE topic = ? AND group_name = ? AND visible_at <= ? LIMIT 1');
    this.readMessage = this.db.prepare('SELECT topic, job_id, job_key, payload, headers FROM job_messages WHERE seq = ?');
    this.extendLease = this.db.prepare('UPDATE job_deliveries SET visible_at = ? WHERE id = ? AND lease_owner = ?');
    this.deleteDelivery = this.db.prepare('DELETE FROM job_deliveries WHERE id = ? AND lease_owner = ?');
    this.postpone = this.db.prepare(
      `UPDATE job_deliveries SET visible_at = ?, lease_owner = NULL, attempt = attempt + ?
       WHERE id = ? AND lease_owner = ?`,
    );
  }

  /**
   * Stores the jobs and gives every group subscribed to the topic its copy, all or nothing. Committed,
   * not yet fsynced: the caller makes it durable (LocalJobBus.publish awaits a WalSync).
   */
  publish(topic: string, jobs: readonly OutgoingJob[], now: number): void {
    inWriteTransaction(this.db, () => {
      for (const job of jobs) this.insert(topic, job, now);
    });
  }

  /** Subscribes a group; a new group gets every job the topic still keeps (Kafka's fromBeginning). */
  subscribe(topic: string, group: string, now: number): void {
    inDurableTransaction(this.db, () => {
      const added = this.db
        .prepare('INSERT OR IGNORE INTO job_subscriptions (topic, group_name, created_at) VALUES (?, ?, ?)')
        .run(topic, group, now);
      if (added.changes === 0) return;
      this.db
        .prepare(
          `INSERT INTO job_deliveries (seq, topic, group_name, attempt, visible_at)
           SELECT seq, topic, ?, 1, published_at FROM job_messages WHERE topic = ?`,
        )
        .run(group, topic);
    });
  }

  /**
   * One atomic UPDATE: takes up to `limit` visible deliveries and leases them to `owner`. A read looks
   * first: most wakes find nothing to take, and a read takes no write lock and commits nothing.
   */
  claim(topic: string, group: string, owner: string, limit: number, leaseUntil: number, now: number): ClaimedDelivery[] {
    if (this.anyVisible.get(topic, group, now) === undefined) return [];
    const rows = this.claimStatement.all(owner, leaseUntil, topic, group, now, limit) as unknown as DeliveryRow[];
    rows.sort((a, b) => a.seq - b.seq);
    return rows.map((row) => ({ deliveryId: row.id, job: this.toJob(row) }));
  }

  /** False when the lease was lost (expired and taken by another member). */
  renew(deliveryId: number, owner: string, leaseUntil: number): boolean {
    return this.extendLease.run(leaseUntil, deliveryId, owner).changes === 1;
  }

  ack(deliveryId: number, owner: string): void {
    this.deleteDelivery.run(deliveryId, owner);
  }

  /** Gives the delivery back, visible at `visibleAt`, counting a failed attempt when `failed`. */
  release(deliveryId: number, owner: string, visibleAt: number, failed: boolean): void {
    this.postpone.run(visibleAt, failed ? 1 : 0, deliveryId, owner);
  }

  /** Acks the delivery and publishes the dead letter in one transaction (nothing if the lease was lost). */
  deadLetter(deliveryId: number, owner: string, topic: string, job: OutgoingJob, now: number): void {
    inDurableTransaction(this.db, () => {
      if (this.deleteDelivery.run(deliveryId, owner).changes === 1) this.insert(topic, job, now);
    });
  }

  /** Forgets handled jobs older than `cutoff` that no group still has to handle. */
  prune(cutoff: number): void {
    this.db
      .prepare(
        `DELETE FROM job_messages WHERE published_at < ?
         AND NOT EXISTS (SELECT 1 FROM job_deliveries d WHERE d.seq = job_messages.seq)`,
      )
      .run(cutoff);
  }

  /** The group's deliveries of the topic not yet acked: waiting, backing off, or being handled. */
  pending(topic: string, group: string): number {
    const row = this.db.prepare('SELECT count(*) AS n FROM job_deliveries WHERE topic = ? AND group_name = ?').get(topic, group) as { n: number };
    return Number(row.n);
  }

  ping(): void {
    this.db.prepare('SELECT count(*) FROM job_subscriptions').get();
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  private insert(topic: string, job: OutgoingJob, now: number): void {
    const headers = JSON.stringify(job.headers ?? {});
    const payload = JSON.stringify(job.payload ?? null);
    const row = this.insertMessage.get(topic, job.id ?? randomUUID(), job.key, payload, headers, now) as { seq: number };
    this.fanOut.run(row.seq, now, topic);
  }

  private toJob(row: DeliveryRow): Job {
    const message = this.readMessage.get(row.seq) as unknown as MessageRow;
    return {
      id: message.job_id,
      topic: message.topic,
      key: message.job_key,
      payload: JSON.parse(message.payload),
      attempt: row.attempt,
      headers: JSON.parse(message.headers) as Record<string, string>,
    };
  }
}
