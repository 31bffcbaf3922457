import { NetworkPolicy } from './network-policy';

const strict = NetworkPolicy.strict();

describe('NetworkPolicy: special-purpose addresses are blocked by default', () => {
  it.each([
    ['private 10/8', '10.1.2.3', 'private'],
    ['private 172.16/12', '172.31.255.255', 'private'],
    ['private 192.168/16', '192.168.0.1', 'private'],
    ['loopback', '127.0.0.1', 'loopback'],
    ['loopback, other host', '127.255.0.9', 'loopback'],
    ['link-local (cloud metadata)', '169.254.169.254', 'linkLocal'],
    ['carrier-grade NAT', '100.64.0.1', 'carrierGradeNat'],
    ['multicast', '224.0.0.251', 'multicast'],
    ['broadcast', '255.255.255.255', 'broadcast'],
    ['unspecified', '0.0.0.0', 'unspecified'],
    ['this network 0/8', '0.1.2.3', 'unspecified'],
    ['IETF protocol assignments', '192.0.0.8', 'reserved'],
    ['documentation TEST-NET-1', '192.0.2.1', 'reserved'],
    ['documentation TEST-NET-2', '198.51.100.7', 'reserved'],
    ['documentation TEST-NET-3', '203.0.113.200', 'reserved'],
    ['benchmarking 198.18/15', '198.19.1.1', 'reserved'],
    ['6to4 relay anycast', '192.88.99.1', 'reserved'],
    ['future use 240/4', '250.1.1.1', 'reserved'],
    ['AS112', '192.175.48.1', 'as112'],
    ['AMT', '192.52.193.1', 'amt'],
    ['IPv6 loopback', '::1', 'loopback'],
    ['IPv6 unspecified', '::', 'unspecified'],
    ['IPv6 link-local', 'fe80::1', 'linkLocal'],
    ['IPv6 link-local with zone', 'fe80::1%eth0', 'linkLocal'],
    ['IPv6 unique local', 'fd12:3456::1', 'uniqueLocal'],
    ['IPv6 multicast', 'ff02::1', 'multicast'],
    ['IPv6 site-local (deprecated)', 'fec0::1', 'deprecatedSiteLocal'],
    ['IPv6 discard', '100::1', 'discard'],
    ['IPv6 documentation', '2001:db8::1', 'reserved'],
    ['IPv6 documentation 3fff::/20', '3fff::1', 'reserved'],
    ['IPv6 benchmarking', '2001:2::1', 'benchmarking'],
    ['IPv6 AMT', '2001:3::1', 'amt'],
    ['IPv6 AS112', '2001:4:112::1', 'as112v6'],
    ['IPv6 ORCHIDv2', '2001:20::1', 'orchid2'],
    ['IPv6 teredo', '2001:0:4136:e378::1', 'teredo'],
    ['IPv6 6to4', '2002:c000:0201::1', '6to4'],
    ['IPv4-translated (RFC 6145)', '::ffff:0:8.8.8.8', 'rfc6145'],
    ['NAT64 local-use (RFC 8215)', '64:ff9b:1::1', 'rfc6052'],
    ['NAT64 well-known prefix carrying loopback', '64:ff9b::7f00:1', 'nat64 of loopback'],
    ['IPv4-compatible IPv6 (deprecated)', '::7f00:1', 'notGlobalUnicast'],
    ['unassigned IPv6 outside 2000::/3', '4000::1', 'notGlobalUnicast'],
  ])('%s: %s is refused as %s', (_label, ip, range) => {
    const verdict = strict.check(ip);
    expect(verdict).toEqual({ allowed: false, reason: expect.stringContaining(`a ${range} address`) });
  });

  it.each([
    ['public IPv4', '93.184.215.14'],
    ['public IPv4 next to 172.16/12', '172.32.0.1'],
    ['public IPv6', '2606:4700:4700::1111'],
    ['NAT64 well-known prefix carrying a public IPv4', '64:ff9b::5db8:d70e'],
    ['IPv4-mapped public address', '::ffff:93.184.215.14'],
  ])('%s: %s is allowed', (_label, ip) => {
    expect(strict.check(ip)).toEqual({ allowed: true });
  });

  it.each(['example.com', '', '1.2.3.4.5', '::ffff:999.0.0.1', 'http://127.0.0.1'])(
    '"%s" is not an address and is refused',
    (text) => {
      expect(strict.check(text)).toEqual({ allowed: false, reason: expect.stringContaining('not an IP address') });
    },
  );
});

describe('NetworkPolicy: IPv4-mapped IPv6 is judged as the IPv4 it carries', () => {
  it.each([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['[::ffff:192.168.1.1]', 'private'],
  ])('%s is a %s address', (ip, range) => {
    expect(strict.check(ip)).toEqual({ allowed: false, reason: expect.stringContaining(`a ${range} address`) });
  });

  it('an allow-list entry in IPv4 form exempts the mapped form too', () => {
    const policy = new NetworkPolicy({ allowPrivate: ['127.0.0.1/32'], egressOnly: null });
    expect(policy.check('::ffff:127.0.0.1')).toEqual({ allowed: true });
  });

  it('an allow-list entry in mapped form exempts the IPv4 form too', () => {
    const policy = new NetworkPolicy({ allowPrivate: ['::ffff:10.0.0.0/104'], egressOnly: null });
    expect(policy.check('10.9.9.9')).toEqual({ allowed: true });
    expect(policy.check('11.0.0.1')).toEqual({ allowed: true });
    expect(policy.check('172.16.0.1').allowed).toBe(false);
  });
});

describe('NetworkPolicy: a refusal names the setting that lifts it', () => {
  it.each([
    ['127.0.0.1', 'TRAWL_ALLOW_PRIVATE=127.0.0.0/8'],
    ['::1', 'TRAWL_ALLOW_PRIVATE=::1/128'],
    ['10.1.2.3', 'TRAWL_ALLOW_PRIVATE=10.1.2.3/32'],
    ['fd00::5', 'TRAWL_ALLOW_PRIVATE=fd00::5/128'],
  ])('%s: %s', (ip, hint) => {
    const verdict = strict.check(ip);
    expect(verdict).toEqual({ allowed: false, reason: expect.stringContaining(`; to fetch it, exempt it with ${hint}`) });
    // The hint works: the suggested CIDR exempts the address.
    expect(new NetworkPolicy({ allowPrivate: [hint.split('=')[1]!], egressOnly: null }).check(ip)).toEqual({ allowed: true });
  });

  it('an egress refusal names TRAWL_EGRESS_ONLY', () => {
    expect(new NetworkPolicy({ allowPrivate: [], egressOnly: ['127.0.0.0/8'] }).check('8.8.8.8')).toEqual({
      allowed: false, reason: expect.stringContaining('(TRAWL_EGRESS_ONLY)'),
    });
  });
});

describe('NetworkPolicy: allowPrivate exempts exactly its CIDRs', () => {
  const policy = new NetworkPolicy({ allowPrivate: ['127.0.0.1/32', '10.20.0.0/16', '::1'], egressOnly: null });

  it.each([
    ['127.0.0.1', true],
    ['127.0.0.2', false],
    ['10.20.255.1', true],
    ['10.21.0.1', false],
    ['::1', true],
    ['::2', false],
    ['169.254.169.254', false],
    ['8.8.8.8', true],
  ])('%s -> allowed %s', (ip, allowed) => {
    expect(policy.check(ip).allowed).toBe(allowed);
  });
});

describe('NetworkPolicy: egressOnly narrows everything, public addresses included', () => {
  const policy = new NetworkPolicy({ allowPrivate: ['127.0.0.1/32'], egressOnly: ['127.0.0.0/8'] });

  it.each([
    ['127.0.0.1', true, ''],
    ['127.0.0.2', false, 'a loopback address'],
    ['8.8.8.8', false, 'outside the egress allow-list'],
    ['2606:4700:4700::1111', false, 'outside the egress allow-list'],
    ['::1', false, 'outside the egress allow-list'],
    ['::ffff:127.0.0.1', true, ''],
  ])('%s -> allowed %s %s', (ip, allowed, reason) => {
    const verdict = policy.check(ip);
    expect(verdict.allowed).toBe(allowed);
    if (!verdict.allowed) expect(verdict.reason).toContain(reason);
  });

  it('egressOnly on its own does not exempt a private address from the block', () => {
    const onlyEgress = new NetworkPolicy({ allowPrivate: [], egressOnly: ['10.0.0.0/8'] });
    expect(onlyEgress.check('10.0.0.1')).toEqual({ allowed: false, reason: expect.stringContaining('private') });
  });

  it('an empty egressOnly list refuses everything', () => {
    const nothing = new NetworkPolicy({ allowPrivate: [], egressOnly: [] });
    expect(nothing.check('8.8.8.8').allowed).toBe(false);
  });
});
