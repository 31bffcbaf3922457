import { ApiProblem } from '../../http/problem';
import { parseOrThrow } from '../../http/zod-validation';
import { MAX_URL_LENGTH, requestTaskBody } from './request-task.body';

/** The body as the API would accept it, or the problem it would answer with. */
function parse(body: unknown): { url: string; collect: string[] } | ApiProblem {
  try {
    return parseOrThrow(requestTaskBody, body, 'task request');
  } catch (error) {
    if (error instanceof ApiProblem) return error;
    throw error;
  }
}

function acceptedUrl(url: string): string {
  const result = parse({ url });
  if (result instanceof ApiProblem) throw new Error(`${url} was refused: ${result.message}`);
  return result.url;
}

function refusal(body: unknown): { status: number; detail: string; paths: string[] } {
  const result = parse(body);
  if (!(result instanceof ApiProblem)) throw new Error(`${JSON.stringify(body)} was accepted as ${JSON.stringify(result)}`);
  return { status: result.status, detail: result.message, paths: (result.errors ?? []).map((error) => error.path) };
}

describe('task request body: the URL', () => {
  it.each([
    ['an IDN host, as punycode', 'http://bücher.example/', 'http://xn--bcher-kva.example/'],
    ['an upper-case IDN host', 'https://BÜCHER.example/Pfad', 'https://xn--bcher-kva.example/Pfad'],
    ['an upper-case scheme and host, default port dropped', 'HTTP://EXAMPLE.COM:80/A', 'http://example.com/A'],
    ['percent-encoding as sent (neither decoded nor re-cased)', 'http://example.com/%7e%2Fx%41?q=%zz', 'http://example.com/%7e%2Fx%41?q=%zz'],
    ['a percent-encoded host, decoded', 'http://ex%61mple.com/', 'http://example.com/'],
    ['non-ASCII in the path, percent-encoded', 'http://example.com/ü', 'http://example.com/%C3%BC'],
    ['a space in the path, percent-encoded', 'http://example.com/a b', 'http://example.com/a%20b'],
    ['spaces around it, trimmed', '  https://example.com/x  ', 'https://example.com/x'],
    ['an IPv6 literal', 'http://[::1]/', 'http://[::1]/'],
    ['an IPv4 address in hex and short form', 'http://0x7f.1/', 'http://127.0.0.1/'],
    ['an IPv4 address as one number', 'http://2130706433/', 'http://127.0.0.1/'],
    ['an IPv4 address in octal', 'http://0177.0.0.01/', 'http://127.0.0.1/'],
    ['a URL exactly at the length limit', `http://example.com/${'a'.repeat(MAX_URL_LENGTH - 'http://example.com/'.length)}`, null],
  ])('accepts %s', (_name, input, expected) => {
    expect(acceptedUrl(input)).toBe(expected ?? input);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)', /url: scheme javascript is not allowed/],
    ['data:', 'data:text/html,<script>alert(1)</script>', /url: scheme data is not allowed/],
    ['file:', 'file:///etc/passwd', /url: scheme file is not allowed/],
    ['ftp:', 'ftp://127.0.0.1/x', /url: scheme ftp is not allowed/],
    ['ws:', 'ws://example.com/', /url: scheme ws is not allowed/],
    ['credentials', 'http://user:pass@example.com/', /url: must not contain credentials/],
    ['a user name alone', 'https://user@example.com/', /url: must not contain credentials/],
    ['a relative URL', '/relative/path', /url: must be an absolute URL/],
    ['a host with a space', 'http://exa mple.com/', /url: must be an absolute URL/],
    ['an unclosed IPv6 literal', 'http://[::1/', /url: must be an absolute URL/],
    ['an IPv4 address out of range', 'http://256.256.256.256/', /url: must be an absolute URL/],
    ['a newline inside (WHATWG would silently drop it)', 'http://exa\nmple.com/', /url: must not contain control characters/],
    ['a tab inside', 'http://example.com/a\tb', /url: must not contain control characters/],
    ['a NUL byte', 'http://example.com/\u0000', /url: must not contain control characters/],
    ['a DEL', 'http://example.com/\u007f', /url: must not contain control characters/],
    ['an empty string', '', /url: must not be empty/],
    ['only spaces', '   ', /url: must not be empty/],
    ['one character over the limit', `http://example.com/${'a'.repeat(MAX_URL_LENGTH + 1 - 'http://example.com/'.length)}`, /url: must be at most 2048 characters/],
    ['a URL that outgrows the limit once percent-encoded', `http://example.com/${'ü'.repeat(1000)}`, /url: must be at most 2048 characters once normalised/],
  ])('refuses %s', (_name, url, detail) => {
    const problem = refusal({ url });
    expect(problem.status).toBe(400);
    expect(problem.detail).toMatch(detail);
    expect(problem.paths).toEqual(['url']);
  });

  it.each([
    ['a number', 42, /url: .*expected string, received number/],
    ['an array of URLs', ['http://example.com/'], /url: .*expected string, received array/],
    ['null', null, /url: .*expected string, received null/],
    ['an object', { href: 'http://example.com/' }, /url: .*expected string, received object/],
  ])('refuses a url that is %s', (_name, url, detail) => {
    expect(refusal({ url }).detail).toMatch(detail);
  });

  it('refuses a body without url, naming the field', () => {
    expect(refusal({ collect: ['text'] })).toMatchObject({ status: 400, paths: ['url'], detail: expect.stringMatching(/^invalid task request: url: /) });
  });
});

describe('task request body: collect and the rest', () => {
  it('defaults collect to both kinds and keeps a given order', () => {
    expect(parse({ url: 'http://example.com/' })).toMatchObject({ collect: ['text', 'images'] });
    expect(parse({ url: 'http://example.com/', collect: ['images'] })).toMatchObject({ collect: ['images'] });
  });

  it.each([
    ['a duplicate', ['text', 'text'], /collect: must not name a kind twice/],
    ['an empty list', [], /collect: must name at least one of text, images/],
    ['an unknown kind', ['text', 'video'], /collect\.1: /],
    ['a string instead of a list', 'text', /collect: .*expected array, received string/],
    ['null', null, /collect: .*expected array, received null/],
    ['a list of lists', [['text']], /collect\.0: /],
  ])('refuses collect with %s', (_name, collect, detail) => {
    const problem = refusal({ url: 'http://example.com/', collect });
    expect(problem.status).toBe(400);
    expect(problem.detail).toMatch(detail);
  });

  it.each([
    ['an unknown field', { url: 'http://example.com/', priority: 1 }, /Unrecognized key: "priority"/],
    ['several unknown fields', { url: 'http://example.com/', a: 1, b: 2 }, /Unrecognized keys: "a", "b"/],
    ['__proto__ (from JSON.parse, an own key)', JSON.parse('{"url": "http://example.com/", "__proto__": {"admin": true}}'), /Unrecognized key: "__proto__"/],
    ['a misspelt field', { URL: 'http://example.com/' }, /url: .*received undefined.*; Unrecognized key: "URL"|Unrecognized key: "URL".*url: /],
  ])('refuses %s, naming it', (_name, body, detail) => {
    expect(refusal(body).detail).toMatch(detail);
  });

  it.each([
    ['null', null, 'null'],
    ['an array', [{ url: 'http://example.com/' }], 'array'],
    ['a string', 'http://example.com/', 'string'],
    ['a number', 7, 'number'],
  ])('refuses a body that is %s', (_name, body, received) => {
    const problem = refusal(body);
    expect(problem.status).toBe(400);
    expect(problem.detail).toBe(`invalid task request: Invalid input: expected object, received ${received}`);
    expect(problem.paths).toEqual(['(root)']);
  });

  it('refuses no body at all, saying what to send', () => {
    const problem = refusal(undefined);
    expect(problem.status).toBe(400);
    expect(problem.detail).toBe('invalid task request: the body is empty; send a JSON object with url');
    expect(problem.paths).toEqual(['(root)']);
  });

  it('refuses a deeply nested body at once, without walking into it', () => {
    let nested: unknown = 'http://example.com/';
    for (let depth = 0; depth < 5000; depth += 1) nested = [nested];
    expect(refusal({ url: 'http://example.com/', collect: nested }).detail).toMatch(/collect\.0: /);
    expect(refusal({ url: nested }).detail).toMatch(/url: .*received array/);
    expect(refusal(nested).detail).toMatch(/expected object, received array/);
  });
});
