import ipaddr from 'ipaddr.js';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** IPv6 global unicast (RFC 4291, IANA): everything outside it is reserved, unassigned or local. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');
/** The well-known NAT64 prefix (RFC 6052): the last 32 bits are the IPv4 address actually reached. */
const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');

/**
 * Parses an address the way the network will read it: an IPv4-mapped IPv6 address
 * (`::ffff:127.0.0.1`) IS that IPv4 address, so it is unmapped before any check. A zone id
 * (`fe80::1%eth0`) is kept by ipaddr.js and does not change the range. Returns null for a non-address.
 */
export function parseAddress(text: string): IpAddress | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (!ipaddr.isValid(bare)) return null;
  const address = ipaddr.parse(bare);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (address as ipaddr.IPv6).toIPv4Address();
  }
  return address;
}

/**
 * The name of the special-purpose range an address is in, or null for a public unicast address.
 *
 * Every range ipaddr.js knows other than `unicast` is special (private, loopback, linkLocal,
 * uniqueLocal, carrierGradeNat, multicast, broadcast, unspecified, reserved — which holds the
 * documentation and benchmarking ranges 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 198.18.0.0/15
 * and 2001:db8::/32 —, as112, amt, orchid2, discard, segment routing, ...). On top of that:
 * - `6to4` (2002::/16) and `teredo` (2001::/32) stay blocked: they are deprecated tunnels whose
 *   relays decide where packets go from an IPv4 address embedded in the IPv6 one, which we cannot
 *   vouch for; no web server worth scraping is reachable only that way.
 * - the well-known NAT64 prefix 64:ff9b::/96 is judged by the IPv4 address it carries: on an
 *   IPv6-only host with DNS64 every IPv4-only site resolves there, and 64:ff9b::7f00:1 must be
 *   refused exactly like 127.0.0.1. The local-use NAT64 prefix 64:ff9b:1::/48 stays blocked.
 * - IPv6 outside 2000::/3 is not global unicast (IPv4-compatible ::a.b.c.d, unassigned space),
 *   even where ipaddr.js calls it `unicast`.
 */
export function specialRange(address: IpAddress): string | null {
  if (address.kind() === 'ipv4') {
    const range = (address as ipaddr.IPv4).range();
    return range === 'unicast' ? null : range;
  }
  const v6 = address as ipaddr.IPv6;
  if (v6.match(NAT64_WELL_KNOWN)) {
    const embedded = ipaddr.fromByteArray(v6.toByteArray().slice(12));
    const inner = specialRange(embedded);
    return inner === null ? null : `nat64 of ${inner}`;
  }
  const range = v6.range();
  if (range !== 'unicast') return range;
  return v6.match(GLOBAL_UNICAST_V6) ? null : 'notGlobalUnicast';
}

/** True when the address is inside one of the ranges (ranges of the other IP family never match). */
export function inAnyRange(address: IpAddress, ranges: readonly [IpAddress, number][]): boolean {
  return ranges.some(([network, prefix]) => network.kind() === address.kind() && address.match(network, prefix));
}
