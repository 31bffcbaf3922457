import { TrawlError } from '@trawl/errors';

/** A webhook URL refused when a task or batch names it (bad scheme, credentials, blocked address). */
export class WebhookUrlRefusedError extends TrawlError {
  readonly code = 'webhook-url-refused';
  constructor(readonly url: string, readonly detail: string) {
    super(`webhook URL ${url} is refused: ${detail}`);
  }
}

/** One delivery attempt got no HTTP answer. Always worth another attempt. */
export class WebhookTransportError extends TrawlError {
  readonly retryable = true;
  constructor(readonly code: 'webhook-timeout' | 'webhook-connection-failed', message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
