import { loadConfig } from './trawl-config';

describe('access settings', () => {
  it('leaves the API open with no keys and limits task creation to 60 a minute', () => {
    const { env } = loadConfig({});
    expect(env.TRAWL_API_KEYS).toEqual([]);
    expect(env.TRAWL_RATE_LIMIT_PER_MINUTE).toBe(600);
    expect(loadConfig({ TRAWL_API_KEYS: '' }).env.TRAWL_API_KEYS).toEqual([]);
  });

  it('splits comma-separated keys', () => {
    const keys = ['0123456789abcdef', 'Zz9_-.~!$&*+/=?^'.padEnd(20, 'x')];
    expect(loadConfig({ TRAWL_API_KEYS: ` ${keys[0]} ,${keys[1]},` }).env.TRAWL_API_KEYS).toEqual(keys);
  });

  it.each([
    ['a short key', 'short-key'],
    ['a key with a space', 'abcdefgh ijklmnopq'],
    ['a key with a non-ASCII character', 'abcdefghijklmnopä'],
  ])('refuses %s at start-up, without echoing it', (_name, key) => {
    expect(() => loadConfig({ TRAWL_API_KEYS: `0123456789abcdef,${key}` })).toThrow(/TRAWL_API_KEYS\.1: each key must be 16 to 256 visible ASCII characters/);
    expect(() => loadConfig({ TRAWL_API_KEYS: key })).not.toThrow(new RegExp(key));
  });

  it('turns the rate limit off at 0 and refuses a negative one', () => {
    expect(loadConfig({ TRAWL_RATE_LIMIT_PER_MINUTE: '0' }).env.TRAWL_RATE_LIMIT_PER_MINUTE).toBe(0);
    expect(() => loadConfig({ TRAWL_RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(/TRAWL_RATE_LIMIT_PER_MINUTE/);
  });
});
