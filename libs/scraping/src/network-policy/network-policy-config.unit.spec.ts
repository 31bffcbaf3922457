import { NetworkPolicy } from './network-policy';
import { NetworkPolicyConfigError, networkPolicyConfigFromEnv, parseCidr } from './network-policy-config';

describe('parseCidr', () => {
  it.each([
    ['10.0.0.0/8', '10.0.0.0', 8],
    ['  127.0.0.1/32 ', '127.0.0.1', 32],
    ['127.0.0.1', '127.0.0.1', 32],
    ['fd00::/8', 'fd00::', 8],
    ['::1', '::1', 128],
    ['::ffff:10.0.0.0/104', '10.0.0.0', 8],
  ])('%s -> %s/%d', (text, network, prefix) => {
    const [address, bits] = parseCidr(text);
    expect([address.toString(), bits]).toEqual([network, prefix]);
  });

  it.each(['10.0.0.0/33', 'fd00::/129', 'localhost', '10.0.0/8x', '', '/8', '10.0.0.0/-1'])(
    'rejects "%s" with a config error naming the entry',
    (text) => {
      expect(() => parseCidr(text, 'TRAWL_ALLOW_PRIVATE')).toThrow(NetworkPolicyConfigError);
      expect(() => parseCidr(text, 'TRAWL_ALLOW_PRIVATE')).toThrow(`TRAWL_ALLOW_PRIVATE: "${text.trim()}" is not a CIDR`);
    },
  );
});

describe('networkPolicyConfigFromEnv', () => {
  it('defaults to no exemption and no egress restriction', () => {
    expect(networkPolicyConfigFromEnv({})).toEqual({ allowPrivate: [], egressOnly: null });
    expect(networkPolicyConfigFromEnv({ TRAWL_EGRESS_ONLY: '  ' })).toEqual({ allowPrivate: [], egressOnly: null });
  });

  it('splits on commas and whitespace', () => {
    const config = networkPolicyConfigFromEnv({
      TRAWL_ALLOW_PRIVATE: '127.0.0.1/32, ::1\n10.0.0.0/8',
      TRAWL_EGRESS_ONLY: '127.0.0.0/8,',
    });
    expect(config).toEqual({ allowPrivate: ['127.0.0.1/32', '::1', '10.0.0.0/8'], egressOnly: ['127.0.0.0/8'] });
  });

  it('fails at start-up on a typo, naming the variable', () => {
    const read = () => networkPolicyConfigFromEnv({ TRAWL_EGRESS_ONLY: '127.0.0.0/8,127.0.0.300/32' });
    expect(read).toThrow(NetworkPolicyConfigError);
    expect(read).toThrow('TRAWL_EGRESS_ONLY: "127.0.0.300/32"');
  });

  it('the NetworkPolicy constructor validates as well', () => {
    expect(() => new NetworkPolicy({ allowPrivate: ['nope'], egressOnly: null })).toThrow(
      expect.objectContaining({ code: 'invalid-network-policy' }),
    );
  });
});
