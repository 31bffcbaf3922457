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
});

describe('withoutCredentials', () => {
  it('drops authorization and cookies, whatever their case', () => {
    expect(withoutCredentials({ Authorization: 'x', cookie: 'y', 'Proxy-Authorization': 'z', Accept: 'a' })).toEqual({ Accept: 'a' });
  });
});
