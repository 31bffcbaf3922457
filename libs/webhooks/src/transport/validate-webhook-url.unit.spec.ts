import { NetworkPolicy } from './network-guards';
import { validateWebhookUrl } from './validate-webhook-url';

const STRICT = new NetworkPolicy({ allowPrivate: [], egressOnly: null });
const LOOPBACK_ALLOWED = new NetworkPolicy({ allowPrivate: ['127.0.0.1/32'], egressOnly: null });
/** A resolver that answers from a table: no DNS query leaves the machine. */
const resolver = (table: Record<string, string[]>) => async (host: string) => {
  if (table[host]) return table[host];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
};

describe('validateWebhookUrl', () => {
  it.each([
    ['a loopback literal', 'http://127.0.0.1:8080/hook', 'loopback'],
    ['a mapped loopback literal', 'http://[::ffff:127.0.0.1]/hook', 'loopback'],
    ['the cloud metadata address', 'http://169.254.169.254/latest', 'linkLocal'],
    ['a name resolving to a private address', 'https://hooks.example/x', 'private'],
  ])('refuses %s, naming TRAWL_ALLOW_PRIVATE', async (_label, url, range) => {
    const refused = validateWebhookUrl(url, STRICT, resolver({ 'hooks.example': ['93.184.215.14', '10.0.0.7'] }));
    await expect(refused).rejects.toMatchObject({ code: 'webhook-url-refused', detail: expect.stringContaining(`a ${range} address`) });
    await expect(refused).rejects.toThrow('TRAWL_ALLOW_PRIVATE');
  });

  it('refuses localhost with the real resolver (it only resolves to loopback)', async () => {
    await expect(validateWebhookUrl('http://localhost:9/hook', STRICT)).rejects.toMatchObject({ detail: expect.stringContaining('localhost resolves to') });
  });

  it.each([
    ['ftp://127.0.0.1/x', 'scheme ftp is not allowed'],
    ['http://user:pw@hooks.example/x', 'credentials'],
    ['/relative', 'not an absolute URL'],
    ['http://nowhere.example/x', 'does not resolve'],
    [`http://hooks.example/${'a'.repeat(2048)}`, 'longer than 2048'],
  ])('refuses %s', async (url, detail) => {
    await expect(validateWebhookUrl(url, STRICT, resolver({ 'hooks.example': ['93.184.215.14'] }))).rejects.toMatchObject({ detail: expect.stringContaining(detail) });
  });

  it('accepts a public host, and loopback when the policy exempts it, normalised', async () => {
    await expect(validateWebhookUrl('HTTPS://Hooks.Example/a b', STRICT, resolver({ 'hooks.example': ['93.184.215.14'] }))).resolves.toBe('https://hooks.example/a%20b');
    await expect(validateWebhookUrl('http://127.0.0.1:8080/hook', LOOPBACK_ALLOWED)).resolves.toBe('http://127.0.0.1:8080/hook');
  });
});
