import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { NetworkPolicy } from '../network-policy';
import { BlockedAddressError } from './fetch-errors';

/**
 * A DNS lookup that only ever hands net.connect addresses the policy allows, so a name that
 * resolves to a blocked address gets no connection at all (not a connection closed afterwards).
 * Blocked addresses are dropped from a mixed answer; if none is left, the lookup fails with
 * BlockedAddressError. net.connect asks for `all` addresses when it races IPv4 and IPv6
 * (autoSelectFamily) and for one otherwise: both are served. Node does not call `lookup` for IP
 * literals: the client checks those itself.
 */
export function guardedLookup(policy: NetworkPolicy, url: string): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, family: familyOf(options.family), hints: options.hints }, (error, addresses) => {
      if (error) {
        callback(error, []);
        return;
      }
      const verdicts = addresses.map((entry) => ({ entry, verdict: policy.check(entry.address) }));
      const allowed = verdicts.filter(({ verdict }) => verdict.allowed).map(({ entry }) => entry);
      if (allowed.length === 0) {
        const refused = verdicts.map(({ verdict }) => (verdict.allowed ? '' : verdict.reason)).join('; ');
        callback(new BlockedAddressError(url, hostname, refused || 'the name has no address'), []);
        return;
      }
      if (options.all) callback(null, allowed);
      else callback(null, allowed[0].address, allowed[0].family);
    });
  };
}

function familyOf(family: number | string | undefined): 0 | 4 | 6 {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}
