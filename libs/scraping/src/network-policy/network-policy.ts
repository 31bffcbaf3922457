import { inAnyRange, parseAddress, specialRange } from './address-ranges';
import { NetworkPolicyConfig, ParsedCidr, parseCidrList } from './network-policy-config';

/** The verdict on one address. */
export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

/**
 * Decides which IP addresses the fetcher may connect to (SSRF protection).
 *
 * Order of the checks: the address is parsed (IPv4-mapped IPv6 unmapped); when `egressOnly` is set,
 * anything outside it is refused; then any special-purpose address (see `specialRange`) is refused
 * unless it is inside an `allowPrivate` CIDR. `egressOnly` never exempts anything from the block.
 *
 * Callers check the address actually connected to (after DNS), on every redirect hop.
 */
export class NetworkPolicy {
  private readonly allowPrivate: ParsedCidr[];
  private readonly egressOnly: ParsedCidr[] | null;

  /** @throws NetworkPolicyConfigError when a CIDR does not parse. */
  constructor(config: NetworkPolicyConfig) {
    this.allowPrivate = parseCidrList(config.allowPrivate, 'allowPrivate');
    this.egressOnly = config.egressOnly === null ? null : parseCidrList(config.egressOnly, 'egressOnly');
  }

  /** The default production policy: every special-purpose address blocked, no egress restriction. */
  static strict(): NetworkPolicy {
    return new NetworkPolicy({ allowPrivate: [], egressOnly: null });
  }

  check(ip: string): AddressVerdict {
    const address = parseAddress(ip);
    if (address === null) return { allowed: false, reason: `"${ip}" is not an IP address` };
    const shown = address.toString();
    if (this.egressOnly !== null && !inAnyRange(address, this.egressOnly)) {
      return { allowed: false, reason: `${shown} is outside the egress allow-list (TRAWL_EGRESS_ONLY)` };
    }
    const range = specialRange(address);
    if (range !== null && !inAnyRange(address, this.allowPrivate)) {
      return { allowed: false, reason: `${shown} is a ${range} address; to fetch it, exempt it with TRAWL_ALLOW_PRIVATE=${exemptionFor(shown, range)}` };
    }
    return { allowed: true };
  }
}

/**
 * The CIDR to suggest in a refusal: the whole loopback range for a loopback address (a local test
 * server may bind any of 127/8), else just the refused address, so that nobody opens a whole private
 * network by copying the hint.
 */
export function exemptionFor(shown: string, range: string): string {
  if (shown.includes(':')) return range === 'loopback' ? '::1/128' : `${shown}/128`;
  return range === 'loopback' ? '127.0.0.0/8' : `${shown}/32`;
}
