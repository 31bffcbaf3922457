import ipaddr from 'ipaddr.js';
import type { Request, Response } from 'express';

/**
 * Who is calling, for rate limiting: the API key's id once the access middleware accepted one,
 * otherwise the peer address. Forwarded-For headers are not trusted (anyone can send them); behind a
 * reverse proxy every client without a key shares the proxy's bucket, so configure keys there.
 */
export function clientIdentity(request: Request, response: Response): string {
  const keyId = (response.locals as { apiKeyId?: unknown }).apiKeyId;
  if (typeof keyId === 'string') return keyId;
  return `ip:${addressBucket(request.socket.remoteAddress)}`;
}

/** Remembers the accepted key's id for the rest of the request. */
export function rememberApiKey(response: Response, keyId: string): void {
  (response.locals as { apiKeyId?: string }).apiKeyId = keyId;
}

/**
 * An IPv4 address as is; an IPv6 address by its /64, since one subscriber usually holds a whole /64
 * and could otherwise take a fresh bucket per address. IPv4-mapped IPv6 is the IPv4 address.
 */
export function addressBucket(remoteAddress: string | undefined): string {
  if (!remoteAddress || !ipaddr.isValid(remoteAddress)) return 'unknown';
  const address = ipaddr.process(remoteAddress);
  if (address.kind() === 'ipv4') return address.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/64`).toString()}/64`;
}
