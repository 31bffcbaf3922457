import { timingSafeEqual } from 'node:crypto';
import { computeSignature } from './webhook-signature';

export interface VerifyWebhookOptions {
  /** The raw request body, exactly as received (not re-serialised JSON). */
  body: string | Buffer;
  /** The `Trawl-Signature` header value. */
  header: string | undefined;
  /** The shared secret; several while a secret is being rotated (any one may match). */
  secret: string | readonly string[];
  /** How far the signed time may be from now (default 300 s): older requests are replays. */
  toleranceSeconds?: number;
  nowSeconds?: number;
}

export type WebhookVerification = { valid: true; timestamp: number } | { valid: false; reason: string };

/**
 * Checks a webhook request the way a receiver should: the header parses, the timestamp is within the
 * tolerance, and one `v1` signature equals the HMAC of `${t}.${body}` (compared in constant time).
 */
export function verifyWebhookSignature(options: VerifyWebhookOptions): WebhookVerification {
  const parsed = parseSignatureHeader(options.header);
  if (!parsed) return { valid: false, reason: 'missing or malformed Trawl-Signature header' };
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? 300;
  if (Math.abs(now - parsed.timestamp) > tolerance) {
    return { valid: false, reason: `timestamp ${parsed.timestamp} is more than ${tolerance} s from now (${now})` };
  }
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  const matches = secrets.some((secret) => {
    const expected = Buffer.from(computeSignature(secret, parsed.timestamp, options.body), 'hex');
    return parsed.signatures.some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
  });
  return matches ? { valid: true, timestamp: parsed.timestamp } : { valid: false, reason: 'no v1 signature matches' };
}

/** `t=…,v1=…[,v1=…]`; unknown schemes (v0, a future v2) are ignored, as Stripe does. */
export function parseSignatureHeader(header: string | undefined): { timestamp: number; signatures: Buffer[] } | null {
  if (!header) return null;
  let timestamp = Number.NaN;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === 't' && /^\d{1,12}$/.test(value ?? '')) timestamp = Number(value);
    if (name === 'v1' && /^[0-9a-f]{64}$/i.test(value ?? '')) signatures.push(Buffer.from(value, 'hex'));
  }
  return Number.isNaN(timestamp) || signatures.length === 0 ? null : { timestamp, signatures };
}
