import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { BlockedAddressError, guardedLookup, type NetworkPolicy, refuseBlockedPeer } from './network-guards';
import { WebhookTransportError } from './webhook-errors';
import type { WebhookRequest, WebhookResponse, WebhookTransport } from './webhook-transport.port';

export const WEBHOOK_USER_AGENT = 'trawl-webhooks/0.1';

/**
 * The webhook transport over node:http(s), under the fetcher's network policy: the address of the
 * URL's host is checked before connecting (an IP literal here, a name by the guarded DNS lookup), and
 * the connected peer again before a byte is written. No connection pooling: one socket per attempt.
 */
export class NodeHttpWebhookTransport implements WebhookTransport {
  constructor(private readonly policy: NetworkPolicy) {}

  async post(request: WebhookRequest): Promise<WebhookResponse> {
    const url = new URL(request.url);
    const literal = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(literal)) {
      const verdict = this.policy.check(literal);
      if (!verdict.allowed) throw new BlockedAddressError(url.href, literal, verdict.reason);
    }
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<WebhookResponse>((resolve, reject) => {
      const outgoing = client.request(url, {
        method: 'POST',
        agent: false,
        lookup: guardedLookup(this.policy, url.href),
        headers: { 'user-agent': WEBHOOK_USER_AGENT, ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
        signal: request.signal,
      });
      const timer = setTimeout(
        () => outgoing.destroy(new WebhookTransportError('webhook-timeout', `no answer from ${url.href} within ${request.timeoutMs} ms`)),
        request.timeoutMs,
      );
      outgoing.once('socket', (socket) => refuseBlockedPeer(socket, this.policy, url.href));
      outgoing.once('response', (response) => {
        clearTimeout(timer);
        // Only the status matters: the body is not read, so a receiver cannot hold the worker with it.
        response.destroy();
        const retryAfter = response.headers['retry-after'];
        resolve({ status: response.statusCode ?? 0, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter });
      });
      outgoing.once('error', (error) => {
        clearTimeout(timer);
        reject(translate(error, url.href));
      });
      outgoing.end(request.body);
    });
  }
}

function translate(error: Error, url: string): Error {
  if (error instanceof BlockedAddressError || error instanceof WebhookTransportError) return error;
  if (error.name === 'AbortError') return error;
  return new WebhookTransportError('webhook-connection-failed', `POST ${url} failed: ${error.message}`, { cause: error });
}
