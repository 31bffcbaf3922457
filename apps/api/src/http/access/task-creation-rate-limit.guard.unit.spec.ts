import type { ExecutionContext } from '@nestjs/common';
import type { TrawlConfig } from '@trawl/config';
import { ApiProblem } from '../problem';
import { TaskCreationRateLimit } from './task-creation-rate-limit.guard';

/** What the guard sees of one request: the peer address, the accepted key (if any), the headers it sets. */
function request(options: { address?: string; keyId?: string } = {}) {
  const headers: Record<string, string> = {};
  const response = { locals: options.keyId ? { apiKeyId: options.keyId } : {}, set: (values: Record<string, string>) => Object.assign(headers, values) };
  const context = {
    switchToHttp: () => ({ getRequest: () => ({ socket: { remoteAddress: options.address ?? '127.0.0.1' } }), getResponse: () => response }),
  } as unknown as ExecutionContext;
  return { context, headers };
}

const guard = (perMinute: number) => new TaskCreationRateLimit({ env: { TRAWL_RATE_LIMIT_PER_MINUTE: perMinute } } as unknown as TrawlConfig);

function refusal(limit: TaskCreationRateLimit, options?: Parameters<typeof request>[0]): ApiProblem {
  try {
    limit.canActivate(request(options).context);
  } catch (error) {
    if (error instanceof ApiProblem) return error;
    throw error;
  }
  throw new Error('the request was let through');
}

describe('TaskCreationRateLimit', () => {
  it('lets perMinute requests through with RateLimit headers, then answers 429 with Retry-After', () => {
    const limit = guard(3);
    const first = request();
    expect(limit.canActivate(first.context)).toBe(true);
    expect(first.headers).toEqual({ 'RateLimit-Limit': '3', 'RateLimit-Remaining': '2', 'RateLimit-Reset': '20', 'RateLimit-Policy': '3;w=60' });
    limit.canActivate(request().context);
    limit.canActivate(request().context);
    const problem = refusal(limit);
    expect(problem).toMatchObject({ status: 429, code: 'rate-limited', title: 'Too Many Requests' });
    expect(problem.message).toMatch(/at most 3 a minute, try again in 20 s/);
    // Retry-After and RateLimit-Reset name the same instant: the next token, not the full bucket.
    expect(problem.headers).toEqual({ 'Retry-After': '20', 'RateLimit-Limit': '3', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '20', 'RateLimit-Policy': '3;w=60' });
  });

  it('at the default of 600 a minute, a person can send a burst of 600, and a refusal says to wait under a second', () => {
    const limit = guard(600);
    // The bucket refills 10 a second meanwhile, so a few more than 600 may pass on a slow machine.
    let passed = 0;
    let problem: ApiProblem | undefined;
    while (!problem && passed < 2000) {
      try {
        limit.canActivate(request().context);
        passed += 1;
      } catch (error) {
        problem = error as ApiProblem;
      }
    }
    expect(passed).toBeGreaterThanOrEqual(600);
    expect(passed).toBeLessThan(700);
    if (!problem) throw new Error('never refused');
    expect(problem.headers['Retry-After']).toBe('1');
    expect(problem.headers['RateLimit-Reset']).toBe(problem.headers['Retry-After']);
  });

  it('counts per API key when a key was accepted, whatever the address', () => {
    const limit = guard(1);
    expect(limit.canActivate(request({ keyId: 'key:aaa', address: '10.0.0.1' }).context)).toBe(true);
    expect(refusal(limit, { keyId: 'key:aaa', address: '10.0.0.2' }).status).toBe(429);
    expect(limit.canActivate(request({ keyId: 'key:bbb', address: '10.0.0.1' }).context)).toBe(true);
  });

  it('counts per address without keys, an IPv6 client by its /64', () => {
    const limit = guard(1);
    expect(limit.canActivate(request({ address: '2001:db8::1' }).context)).toBe(true);
    expect(refusal(limit, { address: '2001:db8::2' }).status).toBe(429);
    expect(limit.canActivate(request({ address: '2001:db8:0:1::1' }).context)).toBe(true);
    expect(limit.canActivate(request({ address: '127.0.0.2' }).context)).toBe(true);
  });

  it('is off at 0', () => {
    const limit = guard(0);
    for (let n = 0; n < 1000; n += 1) expect(limit.canActivate(request().context)).toBe(true);
  });
});
