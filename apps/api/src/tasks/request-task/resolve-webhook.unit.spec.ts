import { loadConfig } from '@trawl/config';
import { NetworkPolicy } from '../../../../../libs/scraping/src/network-policy/network-policy';
import { ApiProblem } from '../../http/problem';
import { parseOrThrow } from '../../http/zod-validation';
import { requestTaskBody } from './request-task.body';
import { resolveWebhook } from './resolve-webhook';

const SECRET = 'sixteen-chars-secret';
const policy = new NetworkPolicy({ allowPrivate: ['127.0.0.1/32'], egressOnly: null });

async function problemOf(promise: Promise<unknown>): Promise<ApiProblem> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  if (!(error instanceof ApiProblem)) throw new Error(`expected an ApiProblem, got ${String(error)}`);
  return error;
}

describe('task request: the webhook field', () => {
  it('accepts a URL or {url, events}, normalised to {url, events}', () => {
    expect(parseOrThrow(requestTaskBody, { url: 'http://example.com/', webhook: 'http://127.0.0.1:9/h' }, 'task request').webhook).toEqual({ url: 'http://127.0.0.1:9/h', events: ['final'] });
    expect(parseOrThrow(requestTaskBody, { url: 'http://example.com/', webhook: { url: 'http://127.0.0.1:9/h', events: ['final', 'progress'] } }, 'task request').webhook).toEqual({
      url: 'http://127.0.0.1:9/h',
      events: ['final', 'progress'],
    });
    expect(parseOrThrow(requestTaskBody, { url: 'http://example.com/' }, 'task request').webhook).toBeUndefined();
  });

  it.each([
    [{ url: 'http://127.0.0.1/h', events: ['progress'] }, /webhook\.events: must include final/],
    [{ url: 'http://127.0.0.1/h', events: ['final', 'final'] }, /webhook\.events: must not name a kind twice/],
    [{ url: 'http://127.0.0.1/h', secret: 'x' }, /Unrecognized key: "secret"/],
    [42, /webhook: /],
  ])('refuses %j', (webhook, detail) => {
    expect(() => parseOrThrow(requestTaskBody, { url: 'http://example.com/', webhook }, 'task request')).toThrow(detail);
  });
});

describe('resolveWebhook', () => {
  it('refuses a blocked address with webhook-url-refused, naming TRAWL_ALLOW_PRIVATE', async () => {
    const problem = await problemOf(resolveWebhook({ url: 'http://127.0.0.2:9/h' }, loadConfig({ TRAWL_WEBHOOK_SECRET: SECRET }), policy));
    expect(problem).toMatchObject({ status: 400, code: 'webhook-url-refused', errors: [{ path: 'webhook' }] });
    expect(problem.message).toContain('TRAWL_ALLOW_PRIVATE');
  });

  it('refuses any webhook while no secret is configured, saying which variable to set', async () => {
    const named = await problemOf(resolveWebhook({ url: 'http://127.0.0.1:9/h' }, loadConfig({}), policy));
    expect(named).toMatchObject({ status: 400, code: 'webhook-not-configured' });
    expect(named.message).toContain('set TRAWL_WEBHOOK_SECRET');
    const byDefault = await problemOf(resolveWebhook(undefined, loadConfig({ TRAWL_WEBHOOK_URL: 'http://127.0.0.1:9/h' }), policy));
    expect(byDefault.message).toMatch(/TRAWL_WEBHOOK_URL is set.*set TRAWL_WEBHOOK_SECRET/);
  });

  it('uses the server default for a task that names none, and nothing when there is none', async () => {
    await expect(resolveWebhook(undefined, loadConfig({ TRAWL_WEBHOOK_URL: 'http://127.0.0.1:9/d', TRAWL_WEBHOOK_SECRET: SECRET }), policy)).resolves.toEqual({ url: 'http://127.0.0.1:9/d', events: ['final'] });
    await expect(resolveWebhook(undefined, loadConfig({ TRAWL_WEBHOOK_SECRET: SECRET }), policy)).resolves.toBeUndefined();
    await expect(resolveWebhook({ url: 'HTTP://127.0.0.1:9/a b', events: ['final', 'progress'] }, loadConfig({ TRAWL_WEBHOOK_SECRET: SECRET }), policy)).resolves.toEqual({
      url: 'http://127.0.0.1:9/a%20b',
      events: ['final', 'progress'],
    });
  });
});
