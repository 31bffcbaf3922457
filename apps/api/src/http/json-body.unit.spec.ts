import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import express from 'express';
import { MAX_BODY_BYTES, isJsonContentType, jsonBodyMiddleware } from './json-body';

/** The body middleware on a loopback Express app that echoes what it parsed. */
describe('JSON body parsing', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    const app = express();
    app.use(...jsonBodyMiddleware());
    app.post('/echo', (request, response) => {
      response.json({ body: request.body === undefined ? '(undefined)' : request.body });
    });
    // Deeply nested values parse fine but cannot be echoed (JSON.stringify recurses): report the depth.
    app.post('/depth', (request, response) => {
      let depth = 0;
      for (let value: unknown = request.body; Array.isArray(value); value = value[0]) depth += 1;
      response.json({ depth });
    });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const post = (body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${baseUrl}/echo`, { method: 'POST', headers, body });

  async function expectProblem(response: Response, status: number, code: string, detail: RegExp): Promise<void> {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as { status: number; code: string; detail: string; instance: string };
    expect(problem).toMatchObject({ status, code, instance: '/echo' });
    expect(problem.detail).toMatch(detail);
  }

  it('parses any JSON value, so that the schema can name what is wrong with it', async () => {
    for (const [text, value] of [['null', null], ['[1, 2]', [1, 2]], ['"text"', 'text'], ['7', 7], ['{"url": "http://x/"}', { url: 'http://x/' }]] as const) {
      const response = await post(text);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ body: value });
    }
  });

  it('reads an empty JSON body as no body (not as {}), so that the schema check says the body is empty', async () => {
    expect(await (await post('')).json()).toEqual({ body: '(undefined)' });
    expect(await (await post('{}')).json()).toEqual({ body: {} });
  });

  it('parses deeply nested JSON within the size limit', async () => {
    const depth = MAX_BODY_BYTES / 2 - 1;
    const response = await fetch(`${baseUrl}/depth`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `${'['.repeat(depth)}${']'.repeat(depth)}` });
    expect(await response.json()).toEqual({ depth });
  });

  it('refuses malformed JSON with a 400', async () => {
    await expectProblem(await post('{"url": '), 400, 'malformed-json', /not valid JSON/);
    await expectProblem(await post("{'url': 'x'}"), 400, 'malformed-json', /not valid JSON/);
  });

  it('refuses a body over the limit with a 413, declared or chunked', async () => {
    const big = JSON.stringify({ url: 'http://example.com/', pad: 'x'.repeat(20 * 1024) });
    await expectProblem(await post(big), 413, 'body-too-large', new RegExp(`exceeds ${MAX_BODY_BYTES} bytes`));
    const chunked = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const response = await fetch(`${baseUrl}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: chunked, duplex: 'half' } as RequestInit);
    await expectProblem(response, 413, 'body-too-large', /exceeds/);
  });

  it('counts the limit after decompression: a small gzip that inflates past it is a 413', async () => {
    const bomb = gzipSync(Buffer.from(JSON.stringify({ pad: ' '.repeat(1024 * 1024) })));
    expect(bomb.length).toBeLessThan(MAX_BODY_BYTES);
    await expectProblem(await post(bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' }), 413, 'body-too-large', /exceeds/);
  });

  it('accepts a gzip body within the limit, refuses a corrupt one with a 400 and an unknown coding with a 415', async () => {
    const ok = await post(gzipSync(Buffer.from('{"a": 1}')), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(await ok.json()).toEqual({ body: { a: 1 } });
    await expectProblem(await post(Buffer.from('not gzip at all'), { 'content-type': 'application/json', 'content-encoding': 'gzip' }), 400, 'unreadable-body', /could not be read/);
    await expectProblem(await post('{}', { 'content-type': 'application/json', 'content-encoding': 'x-unknown' }), 415, 'unsupported-content-encoding', /content encoding/);
  });

  it('refuses bytes that are not UTF-8 instead of storing U+FFFD', async () => {
    const body = Buffer.concat([Buffer.from('{"url": "http://example.com/'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    await expectProblem(await post(body), 400, 'invalid-utf8', /not valid UTF-8/);
    const overlong = Buffer.concat([Buffer.from('{"url": "http://example.com/'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]);
    await expectProblem(await post(overlong), 400, 'invalid-utf8', /not valid UTF-8/);
  });

  it('accepts UTF-8 with or without the charset parameter', async () => {
    const response = await post('{"url": "http://bücher.example/"}', { 'content-type': 'application/json; charset=UTF-8' });
    expect(await response.json()).toEqual({ body: { url: 'http://bücher.example/' } });
  });

  it('refuses other charsets with a 415', async () => {
    await expectProblem(await post('{}', { 'content-type': 'application/json; charset=latin1' }), 415, 'unsupported-charset', /send UTF-8/);
    const utf16 = Buffer.from('{"a": 1}', 'utf16le');
    await expectProblem(await post(utf16, { 'content-type': 'application/json; charset=utf-16le' }), 415, 'unsupported-charset', /send UTF-8/);
  });

  it('leaves a body of another media type unread', async () => {
    const response = await post('url=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(await response.json()).toEqual({ body: '(undefined)' });
  });
});

describe('isJsonContentType', () => {
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['Application/JSON ; charset=UTF-8', true],
    [undefined, false],
    ['', false],
    ['text/plain', false],
    ['application/json-patch+json', false],
    ['application/jsonx', false],
    ['application/x-www-form-urlencoded', false],
    ['multipart/form-data; boundary=x', false],
  ])('%s -> %s', (contentType, expected) => {
    expect(isJsonContentType(contentType)).toBe(expected);
  });
});
