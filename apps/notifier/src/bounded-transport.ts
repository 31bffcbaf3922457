import type { WebhookRequest, WebhookResponse, WebhookTransport } from '@trawl/webhooks';

/**
 * At most `limit` webhook requests in flight; the rest queue. Only the requests count: a delivery
 * waiting out its back-off holds no slot, so receivers that are down do not stall the others.
 */
export class BoundedTransport implements WebhookTransport {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly inner: WebhookTransport, private readonly limit: number) {}

  async post(request: WebhookRequest): Promise<WebhookResponse> {
    if (this.active < this.limit) this.active += 1;
    // A finished request hands its slot straight to the next in line, so none can jump the queue.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await this.inner.post(request);
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }

  get inFlight(): number {
    return this.active;
  }
}
