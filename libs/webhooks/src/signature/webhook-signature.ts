import { createHmac } from 'node:crypto';

/** The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256>` (Stripe's layout). */
export const SIGNATURE_HEADER = 'Trawl-Signature';
/** The idempotency key: the same on every attempt of one delivery. */
export const WEBHOOK_ID_HEADER = 'Trawl-Webhook-Id';
export const EVENT_TYPE_HEADER = 'Trawl-Event-Type';

/** HMAC-SHA256, hex, over `${timestamp}.${body}`: binding the time stops a captured request being replayed later. */
export function computeSignature(secret: string, timestampSeconds: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.`).update(body).digest('hex');
}

/** The `Trawl-Signature` value for a body sent at `timestampSeconds`. */
export function signatureHeader(secret: string, timestampSeconds: number, body: string | Buffer): string {
  return `t=${timestampSeconds},v1=${computeSignature(secret, timestampSeconds, body)}`;
}
