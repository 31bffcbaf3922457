import { webhookPayload, type WebhookDelivery } from '@trawl/webhooks';
import type { Notification, WatchedTask } from './watched-task';

/**
 * The delivery for a task's status. Its id (the idempotency key) and body depend only on the events:
 * the final status of run N, or the progress as of a stream revision, sent at the time of that event.
 * A notifier that resumes after a restart therefore sends the very same bytes under the same id.
 */
export function taskDelivery(task: WatchedTask, notification: Notification, revision: bigint, recordedAt: Date, apiBaseUrl: string): WebhookDelivery {
  const self = `${apiBaseUrl}/api/v1/tasks/${task.taskId}`;
  const status = notification === 'final' ? task.status : 'progress';
  const payload = webhookPayload({
    kind: 'task',
    id: task.taskId,
    status,
    counts: { imagesFound: task.imagesFound, imagesStored: task.imagesStored, imagesFailed: task.imagesFailed },
    links: { self, events: `${self}/events`, text: `${self}/text`, images: `${self}/images` },
    createdAt: recordedAt,
    sequence: notification === 'progress' ? Number(revision) : task.run > 1 ? task.run : undefined,
  });
  return { id: payload.id, url: task.webhook!.url, eventType: payload.type, payload };
}
