import type { RetrySchedule } from './retry-schedule';
import type { WebhookTransport } from '../transport/webhook-transport.port';

/** One message to deliver, at least once. */
export interface WebhookDelivery {
  /** The idempotency key (Trawl-Webhook-Id): the same on every attempt; receivers drop repeats by it. */
  id: string;
  url: string;
  /** Trawl-Event-Type, e.g. `task.completed`. */
  eventType: string;
  /** Serialised once: every attempt sends the very same bytes. */
  payload: unknown;
}

export interface WebhookFailure {
  code: string;
  message: string;
  status?: number;
}

/** What one attempt did; the caller records it (as an event of the task, say). */
export interface WebhookAttemptReport {
  deliveryId: string;
  url: string;
  eventType: string;
  attempt: number;
  maxAttempts: number;
  outcome: 'delivered' | 'retrying' | 'failed';
  status?: number;
  error?: WebhookFailure;
  /** Set when outcome is `retrying`. */
  nextAttemptInMs?: number;
  durationMs: number;
}

export interface WebhookDeadLetter {
  delivery: WebhookDelivery;
  body: string;
  attempts: number;
  lastError: WebhookFailure;
}

export type WebhookDeliveryResult =
  | { outcome: 'delivered'; attempts: number }
  | { outcome: 'dead-lettered'; attempts: number; lastError: WebhookFailure };

export interface DeliverWebhookOptions {
  transport: WebhookTransport;
  /** The HMAC key shared with the receiver. */
  secret: string;
  /** Where a delivery goes once its attempts are spent or its failure is final. */
  deadLetter: (letter: WebhookDeadLetter) => void | Promise<void>;
  /** Called after every attempt, before any wait. */
  onAttempt?: (report: WebhookAttemptReport) => void | Promise<void>;
  schedule?: Partial<RetrySchedule>;
  /** One attempt, connection to status line (default 10 s). */
  timeoutMs?: number;
  nowMs?: () => number;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Aborting stops between attempts (rejecting with the signal's reason); nothing is dead-lettered. */
  signal?: AbortSignal;
}
