import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { NetworkPolicy } from './network-guards';
import { WebhookUrlRefusedError } from './webhook-errors';

export type ResolveHost = (hostname: string) => Promise<string[]>;

const resolveAll: ResolveHost = async (hostname) => (await lookup(hostname, { all: true })).map(({ address }) => address);

/**
 * Checks, when a task or batch names it, a webhook URL: absolute http(s), no credentials, at most
 * 2048 characters, and a host that is not, and does not resolve to, an address the network policy
 * blocks (no SSRF through webhooks). Deliveries check the address again when they connect, since DNS
 * may answer differently by then. Returns the URL as the WHATWG parser normalises it.
 *
 * @throws WebhookUrlRefusedError with a detail fit for a 400 problem response
 */
export async function validateWebhookUrl(raw: string, policy: NetworkPolicy, resolve: ResolveHost = resolveAll): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlRefusedError(raw, 'not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebhookUrlRefusedError(raw, `scheme ${url.protocol.slice(0, -1)} is not allowed; use http or https`);
  if (url.username || url.password) throw new WebhookUrlRefusedError(raw, 'credentials in the URL are not allowed; authenticate with the signature');
  if (url.href.length > 2048) throw new WebhookUrlRefusedError(raw, 'longer than 2048 characters');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = isIP(host) ? [host] : await resolveOrRefuse(raw, host, resolve);
  for (const address of addresses) {
    const verdict = policy.check(address);
    if (!verdict.allowed) {
      const via = address === host ? '' : ` (${host} resolves to ${address})`;
      throw new WebhookUrlRefusedError(raw, `${verdict.reason}${via}; private and reserved addresses are blocked unless TRAWL_ALLOW_PRIVATE lists their range`);
    }
  }
  return url.href;
}

async function resolveOrRefuse(raw: string, host: string, resolve: ResolveHost): Promise<string[]> {
  try {
    return await resolve(host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A name that does not exist is a mistake worth a 400; a resolver that is unsure is not: the
    // delivery checks the address again when it connects.
    if (code === 'ENOTFOUND') throw new WebhookUrlRefusedError(raw, `host ${host} does not resolve`);
    return [];
  }
}
