import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import type { TrawlConfig } from '@trawl/config';
import { AccessControl } from './access-control';
import { clientIdentity } from './client-identity';

const KEY = 'k'.repeat(20) + '-valid';
const OTHER_KEY = 'o'.repeat(20) + '-valid';

/** The access middleware in front of a loopback Express app whose routes say who called. */
async function serve(keys: string[]): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const access = new AccessControl({ env: { TRAWL_API_KEYS: keys } } as unknown as TrawlConfig);
  const app = express();
  app.use(access.middleware);
  app.all('/{*path}', (request, response) => {
    response.json({ path: request.path, client: clientIdentity(request, response) });
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('AccessControl without keys', () => {
  it('lets every request through and identifies the client by its address', async () => {
    const { baseUrl, close } = await serve([]);
    try {
      const response = await fetch(`${baseUrl}/api/v1/tasks`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ path: '/api/v1/tasks', client: 'ip:127.0.0.1' });
    } finally {
      await close();
    }
  });
});

describe('AccessControl with keys', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve([KEY, OTHER_KEY]);
  });
  afterAll(async () => {
    await server.close();
  });

  const call = (path: string, headers: Record<string, string> = {}, method = 'GET') => fetch(`${server.baseUrl}${path}`, { method, headers });

  async function expectUnauthorized(response: Response, code: string, challenge: RegExp): Promise<void> {
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('www-authenticate')).toMatch(challenge);
    expect(await response.json()).toMatchObject({ status: 401, code, title: 'Unauthorized', detail: expect.any(String) });
  }

  it.each(['/api/v1/tasks', '/api/v1/tasks/00000000-0000-4000-8000-000000000000', '/openapi.json', '/docs', '/no/such/route', '/health/extra', '/HEALTHX'])(
    'refuses %s without a key: 401 with a Bearer challenge',
    async (path) => {
      await expectUnauthorized(await call(path), 'missing-api-key', /^Bearer realm="trawl"$/);
    },
  );

  it('refuses a wrong key, a key of another scheme and a key in the query', async () => {
    await expectUnauthorized(await call('/api/v1/tasks', { authorization: 'Bearer not-the-key-at-all-0000' }), 'invalid-api-key', /error="invalid_token"/);
    await expectUnauthorized(await call('/api/v1/tasks', { 'x-api-key': `${KEY}x` }), 'invalid-api-key', /invalid_token/);
    await expectUnauthorized(await call('/api/v1/tasks', { authorization: `Basic ${Buffer.from(`u:${KEY}`).toString('base64')}` }), 'missing-api-key', /Bearer/);
    await expectUnauthorized(await call(`/api/v1/tasks?api_key=${KEY}`), 'missing-api-key', /Bearer/);
  });

  it('refuses before reading the body (a POST without a key)', async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/tasks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"url": ' });
    await expectUnauthorized(response, 'missing-api-key', /Bearer/);
  });

  it('accepts each key, as a bearer token or in X-API-Key, and names the caller by the key', async () => {
    const viaBearer = (await (await call('/api/v1/tasks', { authorization: `Bearer ${KEY}` })).json()) as { client: string };
    const viaHeader = (await (await call('/api/v1/tasks', { 'x-api-key': KEY })).json()) as { client: string };
    const other = (await (await call('/api/v1/tasks', { 'x-api-key': OTHER_KEY })).json()) as { client: string };
    expect(viaBearer.client).toMatch(/^key:/);
    expect(viaHeader.client).toBe(viaBearer.client);
    expect(other.client).toMatch(/^key:/);
    expect(other.client).not.toBe(viaBearer.client);
  });

  it.each(['/health', '/ready', '/metrics', '/health/', '/ready?verbose=1'])('leaves %s open', async (path) => {
    const response = await call(path);
    expect(response.status).toBe(200);
  });
});

describe('AccessControl.admits (the check of a response answered before the middleware)', () => {
  it('admits everyone without keys; with keys, only a valid one presented either way', () => {
    const open = new AccessControl({ env: { TRAWL_API_KEYS: [] } } as unknown as TrawlConfig);
    expect(open.admits({})).toBe(true);
    const keyed = new AccessControl({ env: { TRAWL_API_KEYS: [KEY, OTHER_KEY] } } as unknown as TrawlConfig);
    expect(keyed.admits({ authorization: `Bearer ${KEY}` })).toBe(true);
    expect(keyed.admits({ 'x-api-key': OTHER_KEY })).toBe(true);
    expect(keyed.admits({})).toBe(false);
    expect(keyed.admits({ authorization: 'Bearer wrong-key-of-some-length' })).toBe(false);
    expect(keyed.admits({ authorization: `Basic ${KEY}` })).toBe(false);
  });
});
