import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '@nestjs/common';
import type { WebhookDelivery } from '@trawl/webhooks';
import type { DeliveryJournal } from './delivery-journal';
import type { HeldCheckpoint } from './held-checkpoint';
import { runDelivery, type DeliverySettings } from './run-delivery';

const RESUME_AFTER_ERROR_MS = 5_000;

/** A delivery to start: its id (the idempotency key) now, its body when it runs. */
export interface PendingDelivery {
  id: string;
  /** The stream its attempts are recorded in (the task's or the batch's), and that stream's owner id. */
  target: { streamName: string; ownerId: string };
  /** A final status holds the checkpoint until it ends; progress is best effort and not resumed. */
  final: boolean;
  /** Builds the body; may wait (a batch's final status waits for its view). Same id as above. */
  build(): WebhookDelivery | Promise<WebhookDelivery>;
}

/**
 * Runs deliveries beside the subscription, never in its way, one per id at a time. A final one holds
 * the checkpoint (HeldCheckpoint) until it ends, so that a notifier restarted meanwhile resumes it.
 */
export class DeliveryRunner {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly journal: DeliveryJournal,
    private readonly checkpoint: HeldCheckpoint,
    private readonly settings: DeliverySettings,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  start(pending: PendingDelivery): void {
    // Held even when it cannot start (shutting down): the checkpoint must not pass a final status never sent.
    if (pending.final) this.checkpoint.hold(pending.id);
    if (this.running.has(pending.id) || this.settings.signal.aborted) return;
    const run = this.runToEnd(pending).finally(() => this.running.delete(pending.id));
    this.running.set(pending.id, run);
  }

  /** Resolves once every running delivery stopped (call after aborting the settings' signal). */
  async drain(): Promise<void> {
    await Promise.allSettled(this.running.values());
  }

  get inFlight(): number {
    return this.running.size;
  }

  /**
   * A delivery whose record could not be written (the store is down) starts again a little later from
   * what its stream records. On shutdown the hold stays, and the next start resumes the delivery.
   */
  private async runToEnd(pending: PendingDelivery): Promise<void> {
    const { signal } = this.settings;
    while (!signal.aborted) {
      try {
        const delivery = await pending.build();
        if (delivery.id !== pending.id) throw new Error(`delivery ${delivery.id} was started as ${pending.id}`);
        if (signal.aborted) return;
        await runDelivery(this.journal, pending.target, delivery, this.settings);
        if (pending.final) await this.checkpoint.release(pending.id);
        return;
      } catch (error) {
        if (signal.aborted) return;
        this.logger.warn(`webhook ${pending.id} of ${pending.target.streamName} stopped (${String(error)}); resuming in ${RESUME_AFTER_ERROR_MS} ms`);
        await delay(RESUME_AFTER_ERROR_MS, undefined, { signal }).catch(() => undefined);
      }
    }
  }
}
