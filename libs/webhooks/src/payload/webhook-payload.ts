import { createHash } from 'node:crypto';

/** A final (or, when asked for, progress) status of a task or a batch, as POSTed to a webhook. */
export interface WebhookPayload {
  /** Equals the Trawl-Webhook-Id header: the idempotency key. */
  id: string;
  /** `task.completed`, `task.failed`, `task.cancelled`, `task.progress`, `batch.completed`, … */
  type: string;
  /** ISO 8601, when trawl decided to send it (not when an attempt was made). */
  createdAt: string;
  data: {
    kind: 'task' | 'batch';
    id: string;
    status: string;
    /** e.g. { urls, pagesFetched, imagesStored, imagesFailed } — whatever the resource counts. */
    counts: Record<string, number>;
    /** Absolute URLs: the resource itself, its events, its exports, … */
    links: Record<string, string>;
    /** The exports made for it, when there are any: format, download link and checksum. */
    exports?: { format: string; url: string; sha256: string; bytes: number }[];
  };
}

export interface WebhookPayloadInput {
  kind: 'task' | 'batch';
  id: string;
  status: string;
  counts: Record<string, number>;
  links: Record<string, string>;
  exports?: WebhookPayload['data']['exports'];
  createdAt: Date;
  /** Tells apart two messages of one status (progress reports); a final status needs none. */
  sequence?: number;
}

/**
 * The payload for a status, with an id derived from what it reports (kind, id, status, sequence):
 * a relay that crashes and sends the same status again sends the same idempotency key.
 */
export function webhookPayload(input: WebhookPayloadInput): WebhookPayload {
  const { kind, id, status, counts, links, exports } = input;
  return {
    id: webhookDeliveryId(kind, id, status, input.sequence),
    type: `${kind}.${status}`,
    createdAt: input.createdAt.toISOString(),
    data: { kind, id, status, counts, links, ...(exports ? { exports } : {}) },
  };
}

export function webhookDeliveryId(kind: string, id: string, status: string, sequence?: number): string {
  const digest = createHash('sha256').update(JSON.stringify([kind, id, status, sequence ?? null])).digest('hex');
  return `whd_${digest.slice(0, 32)}`;
}
