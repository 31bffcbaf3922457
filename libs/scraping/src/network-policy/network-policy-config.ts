import ipaddr from 'ipaddr.js';
import { TrawlError } from '@trawl/errors';

/** How the fetcher may reach the network. See {@link NetworkPolicy}. */
export interface NetworkPolicyConfig {
  /**
   * CIDRs exempted from the private/reserved-address block (env `TRAWL_ALLOW_PRIVATE`).
   * Tests use `['127.0.0.1/32']`; production leaves it empty.
   */
  allowPrivate: string[];
  /**
   * When set, nothing outside these CIDRs is reached, public addresses included
   * (env `TRAWL_EGRESS_ONLY`). It only narrows: it never exempts an address from the block.
   */
  egressOnly: string[] | null;
}

/** An invalid CIDR or address in the network policy configuration. */
export class NetworkPolicyConfigError extends TrawlError {
  readonly code = 'invalid-network-policy';
}

/** A parsed CIDR: the network address and its prefix length. */
export type ParsedCidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Parses one CIDR. A bare address is read as a single host (/32 or /128) because that is what
 * people write in an environment variable. An IPv4-mapped IPv6 range (`::ffff:10.0.0.0/104`) is
 * turned into its IPv4 form, so that it matches the IPv4 addresses checked after unmapping.
 */
export function parseCidr(text: string, setting = 'CIDR'): ParsedCidr {
  const entry = text.trim();
  try {
    if (!entry.includes('/')) {
      const address = ipaddr.parse(entry);
      return unmapCidr([address, address.kind() === 'ipv4' ? 32 : 128]);
    }
    return unmapCidr(ipaddr.parseCIDR(entry));
  } catch {
    throw new NetworkPolicyConfigError(
      `${setting}: "${entry}" is not a CIDR (expected e.g. 10.0.0.0/8, 127.0.0.1/32 or fd00::/8)`,
    );
  }
}

function unmapCidr([address, prefix]: ParsedCidr): ParsedCidr {
  if (address.kind() === 'ipv6' && prefix >= 96 && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    return [(address as ipaddr.IPv6).toIPv4Address(), prefix - 96];
  }
  return [address, prefix];
}

/** Parses a list of CIDRs, throwing {@link NetworkPolicyConfigError} naming the first bad entry. */
export function parseCidrList(entries: readonly string[], setting = 'CIDR list'): ParsedCidr[] {
  return entries.map((entry) => parseCidr(entry, setting));
}

/** Splits an environment value on commas and whitespace; empty entries are dropped. */
export function splitCidrList(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter((entry) => entry.length > 0);
}

/**
 * Reads `TRAWL_ALLOW_PRIVATE` and `TRAWL_EGRESS_ONLY` (comma- or space-separated CIDRs) and validates
 * them, so that a typo fails at start-up rather than on the first fetch. An unset or empty
 * `TRAWL_EGRESS_ONLY` means no egress restriction.
 */
export function networkPolicyConfigFromEnv(env: NodeJS.ProcessEnv): NetworkPolicyConfig {
  const allowPrivate = splitCidrList(env.TRAWL_ALLOW_PRIVATE);
  const egress = splitCidrList(env.TRAWL_EGRESS_ONLY);
  parseCidrList(allowPrivate, 'TRAWL_ALLOW_PRIVATE');
  parseCidrList(egress, 'TRAWL_EGRESS_ONLY');
  return { allowPrivate, egressOnly: egress.length > 0 ? egress : null };
}
