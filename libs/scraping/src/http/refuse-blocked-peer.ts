import type { Socket } from 'node:net';
import type { NetworkPolicy } from '../network-policy';
import { BlockedAddressError } from './fetch-errors';

/**
 * Belt and braces behind the guarded lookup: the address actually connected to is checked before
 * anything is written (our listener runs before http's queued write), and the socket destroyed.
 */
export function refuseBlockedPeer(socket: Socket, policy: NetworkPolicy, url: string): void {
  const check = () => {
    const address = socket.remoteAddress;
    if (address === undefined) return;
    const verdict = policy.check(address);
    if (!verdict.allowed) socket.destroy(new BlockedAddressError(url, address, verdict.reason));
  };
  if (socket.connecting) socket.prependOnceListener('connect', check);
  else check();
}
