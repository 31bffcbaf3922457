import { ApiKeys, presentedKey } from './api-keys';
import { addressBucket } from './client-identity';

const KEY_A = 'a'.repeat(16) + '-first-key';
const KEY_B = 'b'.repeat(16) + '-second-key';

describe('ApiKeys', () => {
  const keys = new ApiKeys([KEY_A, KEY_B]);

  it('is open (disabled) without keys', () => {
    expect(new ApiKeys([]).enabled).toBe(false);
    expect(keys.enabled).toBe(true);
  });

  it('identifies each configured key by a stable id that does not reveal it', () => {
    const a = keys.identify(KEY_A);
    const b = keys.identify(KEY_B);
    expect(a).toMatch(/^key:[0-9a-f]{12}$/);
    expect(b).toMatch(/^key:[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
    expect(new ApiKeys([KEY_A]).identify(KEY_A)).toBe(a);
  });

  it.each([
    ['a wrong key', 'c'.repeat(26)],
    ['a prefix of a key', KEY_A.slice(0, -1)],
    ['a key with one more character', `${KEY_A}x`],
    ['a key in another case', KEY_A.toUpperCase()],
    ['an empty string', ''],
    ['both keys joined', `${KEY_A},${KEY_B}`],
  ])('refuses %s', (_name, presented) => {
    expect(keys.identify(presented)).toBeNull();
  });
});

describe('presentedKey', () => {
  it.each([
    [{ authorization: `Bearer ${KEY_A}` }, KEY_A],
    [{ authorization: `bearer   ${KEY_A}  ` }, KEY_A],
    [{ 'x-api-key': KEY_A }, KEY_A],
    [{ 'x-api-key': ` ${KEY_A} ` }, KEY_A],
    [{ authorization: `Bearer ${KEY_A}`, 'x-api-key': KEY_B }, KEY_A],
    [{ authorization: 'Basic dXNlcjpwYXNz', 'x-api-key': KEY_B }, KEY_B],
    [{ authorization: 'Basic dXNlcjpwYXNz' }, undefined],
    [{ authorization: 'Bearer' }, undefined],
    [{ authorization: `Bearer ${KEY_A} extra` }, undefined],
    [{ 'x-api-key': '   ' }, undefined],
    [{}, undefined],
  ])('%j -> %s', (headers, expected) => {
    expect(presentedKey(headers)).toBe(expected);
  });
});

describe('addressBucket (rate-limit client without a key)', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['::1', '::/64'],
    ['fe80::1%eth0', 'fe80::/64'],
    [undefined, 'unknown'],
    ['not an address', 'unknown'],
  ])('%s -> %s', (address, bucket) => {
    expect(addressBucket(address)).toBe(bucket);
  });
});
