export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The whole attempt, connection to status line. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface WebhookResponse {
  status: number;
  /** The Retry-After header, as sent. */
  retryAfter?: string;
}

/**
 * One POST of a webhook. Any status is returned, not thrown; no answer at all throws
 * WebhookTransportError (retryable), and an address the network policy refuses throws
 * BlockedAddressError (final). Redirects are not followed: a receiver answers where it was asked.
 */
export interface WebhookTransport {
  post(request: WebhookRequest): Promise<WebhookResponse>;
}

export const WEBHOOK_TRANSPORT = Symbol('WEBHOOK_TRANSPORT');
