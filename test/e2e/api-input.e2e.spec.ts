import { gzipSync } from 'node:zlib';
import { storedEvents } from '../support/stored-events';
import { startEmbeddedTrawl, type TrawlDeployment } from '../support/trawl-deployment';

/**
 * Bad input at the REST API, as a client sends it: every case is a 4xx problem+json whose detail names
 * what is wrong, and none of them stores anything (the read model's task list and the SQLite event
 * store itself stay empty). Then the URL forms the API normalises are stored in their normalised form.
 *
 * Only the api and projector roles run (no relay, so no job and no fetch of any URL used here).
 */
type Case = { name: string; body: string | Buffer; headers?: Record<string, string>; status: number; code: string; detail: RegExp };

const json = (value: unknown) => JSON.stringify(value);
const longUrl = `http://127.0.0.1/${'a'.repeat(2049 - 'http://127.0.0.1/'.length)}`;
let deep: unknown = 'text';
for (let depth = 0; depth < 3000; depth += 1) deep = [deep];

const CASES: Case[] = [
  { name: 'a URL of 2049 characters', body: json({ url: longUrl }), status: 400, code: 'invalid-request', detail: /url: must be at most 2048 characters/ },
  { name: 'a file: URL', body: json({ url: 'file:///etc/passwd' }), status: 400, code: 'invalid-request', detail: /url: scheme file is not allowed/ },
  { name: 'an ftp: URL', body: json({ url: 'ftp://127.0.0.1/pub' }), status: 400, code: 'invalid-request', detail: /url: scheme ftp is not allowed/ },
  { name: 'a javascript: URL', body: json({ url: 'javascript:alert(1)' }), status: 400, code: 'invalid-request', detail: /url: scheme javascript is not allowed/ },
  { name: 'a data: URL', body: json({ url: 'data:text/html,<h1>x</h1>' }), status: 400, code: 'invalid-request', detail: /url: scheme data is not allowed/ },
  { name: 'credentials in the URL', body: json({ url: 'http://user:pass@127.0.0.1/' }), status: 400, code: 'invalid-request', detail: /url: must not contain credentials/ },
  { name: 'a newline in the host', body: json({ url: 'http://127.0.\n0.1/' }), status: 400, code: 'invalid-request', detail: /url: must not contain control characters/ },
  { name: 'a relative URL', body: json({ url: '/etc/passwd' }), status: 400, code: 'invalid-request', detail: /url: must be an absolute URL/ },
  { name: 'an empty URL', body: json({ url: '' }), status: 400, code: 'invalid-request', detail: /url: must not be empty/ },
  { name: 'a number as URL', body: json({ url: 42 }), status: 400, code: 'invalid-request', detail: /url: .*expected string, received number/ },
  { name: 'an array of URLs', body: json({ url: ['http://127.0.0.1/'] }), status: 400, code: 'invalid-request', detail: /url: .*expected string, received array/ },
  { name: 'no URL', body: json({ collect: ['text'] }), status: 400, code: 'invalid-request', detail: /url: .*received undefined/ },
  { name: 'a duplicate collect kind', body: json({ url: 'http://127.0.0.1/', collect: ['text', 'text'] }), status: 400, code: 'invalid-request', detail: /collect: must not name a kind twice/ },
  { name: 'an empty collect', body: json({ url: 'http://127.0.0.1/', collect: [] }), status: 400, code: 'invalid-request', detail: /collect: must name at least one/ },
  { name: 'an unknown collect kind', body: json({ url: 'http://127.0.0.1/', collect: ['video'] }), status: 400, code: 'invalid-request', detail: /collect\.0: / },
  { name: 'collect as a string', body: json({ url: 'http://127.0.0.1/', collect: 'text' }), status: 400, code: 'invalid-request', detail: /collect: .*expected array/ },
  { name: 'an unknown field', body: json({ url: 'http://127.0.0.1/', callback: 'http://evil/' }), status: 400, code: 'invalid-request', detail: /Unrecognized key: "callback"/ },
  { name: 'a __proto__ field', body: '{"url": "http://127.0.0.1/", "__proto__": {"admin": true}}', status: 400, code: 'invalid-request', detail: /Unrecognized key: "__proto__"/ },
  { name: 'a null body', body: 'null', status: 400, code: 'invalid-request', detail: /expected object, received null/ },
  { name: 'an array body', body: json([{ url: 'http://127.0.0.1/' }]), status: 400, code: 'invalid-request', detail: /expected object, received array/ },
  { name: 'a string body', body: json('http://127.0.0.1/'), status: 400, code: 'invalid-request', detail: /expected object, received string/ },
  { name: 'an empty body', body: '', status: 400, code: 'invalid-request', detail: /^invalid task request: the body is empty; send a JSON object with url$/ },
  { name: 'deeply nested JSON', body: json({ url: 'http://127.0.0.1/', collect: deep }), status: 400, code: 'invalid-request', detail: /collect\.0: / },
  { name: 'malformed JSON', body: '{"url": "http://127.0.0.1/"', status: 400, code: 'malformed-json', detail: /not valid JSON/ },
  { name: 'a 20 KiB body', body: json({ url: 'http://127.0.0.1/', pad: 'x'.repeat(20 * 1024) }), status: 413, code: 'body-too-large', detail: /exceeds 16384 bytes/ },
  {
    name: 'a gzip body that inflates past the limit',
    body: gzipSync(Buffer.from(json({ url: 'http://127.0.0.1/', pad: ' '.repeat(512 * 1024) }))),
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    status: 413, code: 'body-too-large', detail: /exceeds/,
  },
  {
    name: 'bytes that are not UTF-8',
    body: Buffer.concat([Buffer.from('{"url": "http://127.0.0.1/'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
    status: 400, code: 'invalid-utf8', detail: /not valid UTF-8/,
  },
  { name: 'a latin1 charset', body: json({ url: 'http://127.0.0.1/' }), headers: { 'content-type': 'application/json; charset=latin1' }, status: 415, code: 'unsupported-charset', detail: /UTF-8/ },
  { name: 'text/plain', body: json({ url: 'http://127.0.0.1/' }), headers: { 'content-type': 'text/plain' }, status: 415, code: 'unsupported-media-type', detail: /application\/json/ },
  { name: 'a form body', body: 'url=http://127.0.0.1/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, code: 'unsupported-media-type', detail: /application\/json/ },
  { name: 'a JSON-like media type', body: json({ url: 'http://127.0.0.1/' }), headers: { 'content-type': 'application/json-patch+json' }, status: 415, code: 'unsupported-media-type', detail: /application\/json/ },
  { name: 'no content type', body: Buffer.from(json({ url: 'http://127.0.0.1/' })), headers: {}, status: 415, code: 'unsupported-media-type', detail: /application\/json/ },
];

describe('e2e: bad input at the API [embedded]', () => {
  let trawl: TrawlDeployment;

  beforeAll(async () => {
    trawl = await startEmbeddedTrawl({ env: { TRAWL_ROLES: 'api,projector', TRAWL_ALLOW_PRIVATE: '', TRAWL_RATE_LIMIT_PER_MINUTE: '0' } });
  });
  afterAll(async () => {
    await trawl?.stop();
  });

  const taskCount = async () => ((await (await trawl.client.request('/api/v1/tasks?limit=500')).json()) as { items: unknown[] }).items.length;
  const post = (body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    trawl.client.request('/api/v1/tasks', { method: 'POST', headers, body });

  it('answers each bad request with a 4xx problem naming the problem, and stores nothing', async () => {
    expect(await taskCount()).toBe(0);
    for (const sample of CASES) {
      const response = await post(sample.body, sample.headers);
      const text = await response.text();
      const context = `${sample.name}: ${response.status} ${text.slice(0, 300)}`;
      expect({ context, status: response.status }).toEqual({ context, status: sample.status });
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = JSON.parse(text) as { type: string; status: number; code: string; detail: string; instance: string };
      expect({ context, code: problem.code, status: problem.status, instance: problem.instance }).toEqual({ context, code: sample.code, status: sample.status, instance: '/api/v1/tasks' });
      expect(problem.type).toBe(`urn:trawl:problem:${sample.code}`);
      expect({ context, detail: problem.detail }).toEqual({ context, detail: expect.stringMatching(sample.detail) });
    }
    expect((await trawl.client.request('/health')).status).toBe(200);
    expect(await taskCount()).toBe(0);
    expect(storedEvents(trawl.env.TRAWL_DATA_DIR)).toEqual({ events: 0, streams: 0, urls: [] });
  });

  it('stores URLs in their normalised form: punycode, percent-encoding, odd IPv4 notations', async () => {
    const forms: [string, string][] = [
      ['http://bücher.example/Straße?q=ä', 'http://xn--bcher-kva.example/Stra%C3%9Fe?q=%C3%A4'],
      ['HTTP://Example.COM:80/a b/%7e', 'http://example.com/a%20b/%7e'],
      ['http://0x7f.1/', 'http://127.0.0.1/'],
      ['http://2130706433/', 'http://127.0.0.1/'],
      ['http://[::1]:8080/', 'http://[::1]:8080/'],
    ];
    const before = storedEvents(trawl.env.TRAWL_DATA_DIR).streams;
    for (const [sent, normalised] of forms) {
      const { task } = await trawl.client.createTask({ url: sent, collect: ['text'] });
      expect(task.url).toBe(normalised);
      expect((await trawl.client.getTask(task.id)).url).toBe(normalised);
    }
    const stored = storedEvents(trawl.env.TRAWL_DATA_DIR);
    expect(stored.streams).toBe(before + forms.length);
    expect(stored.urls.slice(-forms.length)).toEqual(forms.map(([, normalised]) => normalised));
    expect(await taskCount()).toBe(before + forms.length);
  });
});
