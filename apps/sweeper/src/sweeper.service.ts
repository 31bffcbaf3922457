import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { BLOB_STORE, type BlobStore } from '@trawl/blob-store';
import type { TrawlConfig } from '@trawl/config';
import { EVENT_STORE, type EventStore } from '@trawl/event-store';
import { TRAWL_CONFIG } from '@trawl/platform';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { expireFinishedBatches } from './expire-batches';
import { expireDueTasks } from './expire-tasks';
import { recoverLeftoverSpools, releaseExpiredBlobs, type ReleaseDeps } from './release-blobs';

/** Tasks expired, and tombstones released, per sweep: a large backlog is worked off sweep by sweep. */
const TASKS_PER_SWEEP = 500;
const TOMBSTONES_PER_SWEEP = 200;
/** A spool younger than the re-check delay plus this may belong to a sweep still running (another process). */
const SPOOL_IN_USE_MS = 60_000;

/**
 * The sweeper role (retention, ADR 0009): every TRAWL_RETENTION_SWEEP_INTERVAL_MS, (1) TaskExpired on
 * final tasks whose expiresAt or TRAWL_RETENTION_DAYS has passed, (2) the blobs of the tombstones the
 * projector has written, removed unless shared, (3) BatchExpired on finished batches whose tasks all
 * expired. One sweep at a time; a failed sweep is logged and the next one starts over.
 */
@Injectable()
export class SweeperService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SweeperService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly intervalMs: number;
  private readonly retentionDays: number | null;
  private readonly recheckMs: number;
  private readonly spoolRoot: string;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(TRAWL_CONFIG) config: TrawlConfig,
  ) {
    this.intervalMs = config.env.TRAWL_RETENTION_SWEEP_INTERVAL_MS;
    this.retentionDays = config.env.TRAWL_RETENTION_DAYS ?? null;
    this.recheckMs = config.env.TRAWL_RETENTION_RECHECK_MS;
    this.spoolRoot = join(config.dataDir, 'sweeper-spool');
  }

  onApplicationBootstrap(): void {
    this.schedule();
    this.logger.log(`sweeper every ${this.intervalMs} ms (retention ${this.retentionDays === null ? 'off; expiresAt only' : `${this.retentionDays} days`})`);
  }

  /** Lets a sweep in progress finish: it may hold deleted blobs that the re-check has to write back. */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One sweep: expire, release blobs, expire batches (each pass picks up what the previous sweeps left). */
  async sweep(now: () => Date = () => new Date()): Promise<{ expiredTasks: number; expiredBatches: number }> {
    const release: ReleaseDeps = { eventStore: this.eventStore, readModels: this.readModels, blobs: this.blobs, recheckMs: this.recheckMs, spoolRoot: this.spoolRoot };
    // A sweep that crashed after deleting blobs left its copies: re-check them before deleting more.
    const recovered = await recoverLeftoverSpools(release, this.recheckMs * 2 + SPOOL_IN_USE_MS);
    if (recovered > 0) this.logger.warn(`wrote back ${recovered} blob(s) that tasks linked while a crashed sweep was deleting them`);
    const expired = await expireDueTasks({ eventStore: this.eventStore, readModels: this.readModels, retentionDays: this.retentionDays }, now(), TASKS_PER_SWEEP);
    const released = await releaseExpiredBlobs(release, now, TOMBSTONES_PER_SWEEP);
    const batches = await expireFinishedBatches(this.eventStore, this.readModels, [...expired.batchIds, ...released], now());
    return { expiredTasks: expired.taskIds.length, expiredBatches: batches.length };
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep()
        .then(({ expiredTasks, expiredBatches }) => {
          if (expiredTasks + expiredBatches > 0) this.logger.log(`expired ${expiredTasks} task(s) and ${expiredBatches} batch(es)`);
        })
        .catch((error: unknown) => this.logger.warn(`sweep failed (${String(error)}); the next one starts over`))
        .finally(() => {
          this.running = null;
          this.schedule();
        });
    }, this.intervalMs);
  }
}
