import { browserHeaders, withoutCredentials } from './browser-headers';

const generator = {
  getHeaders: () => ({
    'User-Agent': 'Mozilla/5.0 (generated)',
    Accept: 'text/html',
    'Accept-Encoding': 'gzip, deflate, br, zstd',
    Connection: 'keep-alive',
  }),
};

describe('browserHeaders', () => {
  it('keeps the generated headers, but the configured User-Agent wins and only decodable encodings are asked for', () => {
    expect(browserHeaders(generator, 'trawl/0.1')).toEqual({
      'User-Agent': 'trawl/0.1',
      Accept: 'text/html',
      'Accept-Encoding': 'gzip, deflate, br',
    });
  });

  it("lets the caller's headers win, names compared case-insensitively", () => {
    const headers = browserHeaders(generator, 'trawl/0.1', { 'user-agent': 'caller/2', accept: 'image/*', 'X-Extra': '1' });
    expect(headers).toEqual({ 'user-agent': 'caller/2', accept: 'image/*', 'Accept-Encoding': 'gzip, deflate, br', 'X-Extra': '1' });
  });

  it('makes a few distinct header sets per generator, then takes them in turn', () => {
    let made = 0;
    const counting = { getHeaders: () => ({ Accept: `set-${(made += 1)}` }) };
    const accepts = Array.from({ length: 20 }, () => browserHeaders(counting, 'trawl/0.1').Accept);
    expect(made).toBe(8);
    expect(accepts.slice(0, 8)).toEqual(Array.from({ length: 8 }, (_, n) => `set-${n + 1}`));
    expect(accepts.slice(8, 16)).toEqual(accepts.slice(0, 8));
  });
});

describe('withoutCredentials', () => {
  it('drops authorization and cookies, whatever their case', () => {
    expect(withoutCredentials({ Authorization: 'x', cookie: 'y', 'Proxy-Authorization': 'z', Accept: 'a' })).toEqual({ Accept: 'a' });
  });
});
