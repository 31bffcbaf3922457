import { storedEvents } from '../support/stored-events';
import { startEmbeddedTrawl, type TrawlDeployment } from '../support/trawl-deployment';

/**
 * Access control of a running trawl: API keys (TRAWL_API_KEYS) on every endpoint but the probes and
 * metrics, and the per-key rate limit on task creation (TRAWL_RATE_LIMIT_PER_MINUTE), whose refused
 * request stores nothing. Only the api and projector roles run: no task is ever fetched.
 */
const KEY_A = 'e2e-key-a-0123456789abcdef';
const KEY_B = 'e2e-key-b-0123456789abcdef';
const PER_MINUTE = 3;

describe('e2e: API keys and rate limit [embedded]', () => {
  let trawl: TrawlDeployment;

  beforeAll(async () => {
    trawl = await startEmbeddedTrawl({
      env: { TRAWL_ROLES: 'api,projector', TRAWL_ALLOW_PRIVATE: '', TRAWL_API_KEYS: `${KEY_A},${KEY_B}`, TRAWL_RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) },
    });
  });
  afterAll(async () => {
    await trawl?.stop();
  });

  const get = (path: string, headers: Record<string, string> = {}) => trawl.client.request(path, { headers });
  const createTask = (headers: Record<string, string>, url = 'http://127.0.0.1/page') =>
    trawl.client.request('/api/v1/tasks', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ url, collect: ['text'] }) });
  const taskCount = async () => ((await (await get('/api/v1/tasks?limit=500', { 'x-api-key': KEY_A })).json()) as { items: unknown[] }).items.length;

  async function expectUnauthorized(response: Response, code: string): Promise<void> {
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="trawl"/);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 401, code, type: `urn:trawl:problem:${code}` });
  }

  it('serves /health, /ready and /metrics without a key', async () => {
    for (const path of ['/health', '/ready', '/metrics']) expect({ path, status: (await get(path)).status }).toEqual({ path, status: 200 });
  });

  it('refuses every other endpoint without a key or with a wrong one', async () => {
    for (const path of ['/api/v1/tasks', '/api/v1/tasks/00000000-0000-4000-8000-000000000000', '/openapi.json', '/docs', '/nowhere']) {
      await expectUnauthorized(await get(path), 'missing-api-key');
      await expectUnauthorized(await get(path, { authorization: 'Bearer e2e-key-c-0123456789abcdef' }), 'invalid-api-key');
      await expectUnauthorized(await get(path, { 'x-api-key': KEY_A.slice(0, -1) }), 'invalid-api-key');
    }
  });

  it('answers a request with a valid key, as a bearer token or in X-API-Key', async () => {
    expect((await get('/api/v1/tasks', { authorization: `Bearer ${KEY_A}` })).status).toBe(200);
    expect((await get('/api/v1/tasks', { 'x-api-key': KEY_B })).status).toBe(200);
    expect((await get('/openapi.json', { 'x-api-key': KEY_B })).status).toBe(200);
    expect((await get('/api/v1/tasks/00000000-0000-4000-8000-000000000000', { 'x-api-key': KEY_A })).status).toBe(404);
  });

  it('stores nothing for a creation without a valid key', async () => {
    await expectUnauthorized(await createTask({}), 'missing-api-key');
    await expectUnauthorized(await createTask({ authorization: 'Bearer not-a-key-0123456789' }), 'invalid-api-key');
    expect(await taskCount()).toBe(0);
    expect(storedEvents(trawl.env.TRAWL_DATA_DIR).streams).toBe(0);
  });

  it('limits task creation per key: the request past the limit is a 429 with Retry-After, and stores nothing', async () => {
    for (let n = 1; n <= PER_MINUTE; n += 1) {
      const response = await createTask({ 'x-api-key': KEY_A }, `http://127.0.0.1/page-${n}`);
      expect(response.status).toBe(202);
      expect(response.headers.get('ratelimit-limit')).toBe(String(PER_MINUTE));
      expect(response.headers.get('ratelimit-remaining')).toBe(String(PER_MINUTE - n));
    }
    const refused = await createTask({ authorization: `Bearer ${KEY_A}` }, 'http://127.0.0.1/one-too-many');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60 / PER_MINUTE).toBe(true);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(await refused.json()).toMatchObject({ status: 429, code: 'rate-limited', detail: expect.stringMatching(/at most 3 a minute/) });

    const stored = storedEvents(trawl.env.TRAWL_DATA_DIR);
    expect(stored.streams).toBe(PER_MINUTE);
    expect(stored.urls).not.toContain('http://127.0.0.1/one-too-many');
    expect(await taskCount()).toBe(PER_MINUTE);

    // The limit is per key: the other key still has its whole burst.
    expect((await createTask({ 'x-api-key': KEY_B }, 'http://127.0.0.1/other-key')).status).toBe(202);
    expect(storedEvents(trawl.env.TRAWL_DATA_DIR).streams).toBe(PER_MINUTE + 1);
  });
});
