import { createHash } from 'node:crypto';
import { notModified, weakEtagOf } from './json-etag';

describe('weakEtagOf', () => {
  it('is the weak ETag Express gives the same body: W/"<byte length in hex>-<SHA-1 base64, 27 characters>"', () => {
    const body = JSON.stringify({ id: 'é', status: 'completed', padding: 'x'.repeat(300) });
    const sha1 = createHash('sha1').update(body, 'utf8').digest('base64').substring(0, 27);
    expect(weakEtagOf(body)).toBe(`W/"${Buffer.byteLength(body).toString(16)}-${sha1}"`);
  });

  it('changes with the body', () => {
    expect(weakEtagOf('{"status":"running"}')).not.toBe(weakEtagOf('{"status":"completed"}'));
  });
});

describe('notModified', () => {
  const etag = weakEtagOf('{"status":"completed"}');

  it('is true when If-None-Match names the ETag, weak or strong, alone or in a list, or is *', () => {
    expect(notModified({ 'if-none-match': etag }, etag)).toBe(true);
    expect(notModified({ 'if-none-match': etag.slice(2) }, etag)).toBe(true);
    expect(notModified({ 'if-none-match': `"other", ${etag}` }, etag)).toBe(true);
    expect(notModified({ 'if-none-match': '*' }, etag)).toBe(true);
  });

  it('is false without If-None-Match, for another ETag, or when the client sends Cache-Control: no-cache', () => {
    expect(notModified({}, etag)).toBe(false);
    expect(notModified({ 'if-none-match': weakEtagOf('{"status":"running"}') }, etag)).toBe(false);
    expect(notModified({ 'if-none-match': etag, 'cache-control': 'no-cache' }, etag)).toBe(false);
    expect(notModified({ 'if-none-match': etag, 'cache-control': 'max-age=0' }, etag)).toBe(true);
  });
});
