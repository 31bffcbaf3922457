import type { BatchView } from '@trawl/read-models';
import { webhookDeliveryId, webhookPayload, type WebhookDelivery } from '@trawl/webhooks';
import { isFinalBatch, type WatchedBatch } from './watched-batch';
import type { Notification } from './watched-task';

/** The status a batch notification reports: its final status, or `progress`. */
export function batchWebhookStatus(batch: WatchedBatch, notification: Notification): string {
  return notification === 'final' && isFinalBatch(batch) ? batch.status : 'progress';
}

/** The idempotency key of a batch notification, known before its body (which may wait for the read model). */
export function batchDeliveryId(batch: WatchedBatch, notification: Notification, revision: bigint): string {
  return webhookDeliveryId('batch', batch.batchId, batchWebhookStatus(batch, notification), notification === 'progress' ? Number(revision) : undefined);
}

/**
 * The delivery for a batch's status. Task counts come from the batch's stream; image counts and bytes
 * from the batch's view, when the projector has it (the final status waits for the view to be final,
 * see BatchViewWait). Its id depends only on the events: the final status, or the progress as of a
 * stream revision, sent at the time of that event.
 */
export function batchDelivery(
  batch: WatchedBatch,
  notification: Notification,
  recorded: { revision: bigint; recordedAt: Date },
  apiBaseUrl: string,
  view: BatchView | null,
): WebhookDelivery {
  const self = `${apiBaseUrl}/api/v1/batches/${batch.batchId}`;
  const status = batchWebhookStatus(batch, notification);
  const counts: Record<string, number> = { tasks: batch.tasks, completed: batch.completed, failed: batch.failed, cancelled: batch.cancelled };
  if (status === 'progress') counts.released = batch.released;
  if (view) Object.assign(counts, { imagesFound: view.counts.images.found, imagesStored: view.counts.images.stored, imagesFailed: view.counts.images.failed, bytesStored: view.counts.bytesStored });
  const payload = webhookPayload({
    kind: 'batch',
    id: batch.batchId,
    status,
    counts,
    // exports: a batch's exports are requested once it is final (POST links.exports), so a final status has none yet.
    links: { self, tasks: `${self}/tasks`, results: `${self}/results`, progress: `${self}/progress`, exports: `${self}/exports` },
    createdAt: recorded.recordedAt,
    sequence: notification === 'progress' ? Number(recorded.revision) : undefined,
  });
  return { id: payload.id, url: batch.webhook!.url, eventType: payload.type, payload };
}
