import { BlockedByRobotsError, HttpStatusError, RobotsUnavailableError, statusError } from '@trawl/scraping';
import { classifyFailure } from './failures';

describe('classifyFailure: politeness', () => {
  it('makes a URL that robots.txt disallows a final failure, blocked-by-robots', () => {
    expect(classifyFailure(new BlockedByRobotsError('http://127.0.0.1/private/x'))).toEqual({
      retryable: false,
      error: { code: 'blocked-by-robots', message: expect.stringContaining('robots.txt') },
    });
  });

  it('retries while robots.txt is unreachable', () => {
    expect(classifyFailure(new RobotsUnavailableError('http://127.0.0.1/robots.txt', 'HTTP status 503'))).toMatchObject({
      retryable: true,
      error: { code: 'robots-unavailable' },
    });
  });

  it.each([429, 503])('retries a %d with Retry-After, and the error keeps the delay for the job bus', (status) => {
    const error = statusError({ url: 'http://127.0.0.1/', status, headers: { 'retry-after': '2' } }, Date.now());
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error?.retryAfterMs).toBe(2_000);
    expect(classifyFailure(error)).toMatchObject({ retryable: true, error: { code: 'http-status' } });
  });

  it('keeps other 4xx final', () => {
    expect(classifyFailure(new HttpStatusError('http://127.0.0.1/', 404)).retryable).toBe(false);
  });
});
