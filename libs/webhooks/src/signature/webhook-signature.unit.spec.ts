import { createHmac } from 'node:crypto';
import { parseSignatureHeader, verifyWebhookSignature } from './verify-webhook-signature';
import { signatureHeader } from './webhook-signature';

const SECRET = 'whsec_test_0123456789';
const BODY = JSON.stringify({ id: 'd1', type: 'task.completed', data: { id: 't1', status: 'completed' } });
const NOW = 1_767_225_600;

describe('webhook signatures', () => {
  it('signs HMAC-SHA256 over "<timestamp>.<body>", as documented', () => {
    const expected = createHmac('sha256', SECRET).update(`${NOW}.${BODY}`).digest('hex');
    expect(signatureHeader(SECRET, NOW, BODY)).toBe(`t=${NOW},v1=${expected}`);
  });

  it('verifies its own signature, within the tolerance', () => {
    const header = signatureHeader(SECRET, NOW, BODY);
    expect(verifyWebhookSignature({ body: BODY, header, secret: SECRET, nowSeconds: NOW + 299 })).toEqual({ valid: true, timestamp: NOW });
    expect(verifyWebhookSignature({ body: Buffer.from(BODY), header, secret: ['old-secret', SECRET], nowSeconds: NOW })).toEqual({ valid: true, timestamp: NOW });
  });

  it.each([
    ['a changed body', { body: BODY.replace('completed', 'failed') }, 'no v1 signature matches'],
    ['another secret', { secret: 'whsec_other' }, 'no v1 signature matches'],
    ['a replay after the tolerance', { nowSeconds: NOW + 301 }, 'more than 300 s from now'],
    ['a timestamp from the future', { nowSeconds: NOW - 400 }, 'more than 300 s from now'],
    ['no header', { header: undefined }, 'missing or malformed'],
    ['a header without v1', { header: `t=${NOW},v0=abc` }, 'missing or malformed'],
    ['a re-signed timestamp', { header: signatureHeader(SECRET, NOW, BODY).replace(`t=${NOW}`, `t=${NOW + 1}`) }, 'no v1 signature matches'],
  ])('refuses %s', (_label, change, reason) => {
    const options = { body: BODY, header: signatureHeader(SECRET, NOW, BODY), secret: SECRET, nowSeconds: NOW, ...change };
    expect(verifyWebhookSignature(options)).toEqual({ valid: false, reason: expect.stringContaining(reason) });
  });

  it('reads every v1 signature and ignores unknown schemes', () => {
    const good = signatureHeader(SECRET, NOW, BODY).split(',')[1];
    const header = `t=${NOW}, v0=zz, v1=${'0'.repeat(64)}, ${good}`;
    expect(parseSignatureHeader(header)?.signatures).toHaveLength(2);
    expect(verifyWebhookSignature({ body: BODY, header, secret: SECRET, nowSeconds: NOW }).valid).toBe(true);
  });
});
