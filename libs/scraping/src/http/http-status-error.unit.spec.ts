import { parseRetryAfter, statusError } from './http-status-error';

const now = Date.parse('2025-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Sat, 01 Mar 2025 12:01:30 GMT', 90_000],
    ['Sat, 01 Mar 2025 11:00:00 GMT', 0],
    ['Saturday, 01-Mar-25 12:00:10 GMT', 10_000],
    [undefined, undefined],
    ['', undefined],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    ['2025', 2_025_000],
    ['2025-03-01T12:00:30Z', undefined],
  ])('%j -> %j ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('statusError', () => {
  const response = (status: number, headers: Record<string, string> = {}) => ({ url: 'http://site.test/', status, headers });

  it.each([200, 204, 301, 304])('%d is not an error', (status) => {
    expect(statusError(response(status), now)).toBeNull();
  });

  it.each([
    [400, false],
    [403, false],
    [404, false],
    [410, false],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
  ])('%d -> http-status, retryable %s', (status, retryable) => {
    expect(statusError(response(status), now)).toMatchObject({ code: 'http-status', status, retryable });
  });

  it('reads Retry-After on 429 and 5xx only', () => {
    expect(statusError(response(429, { 'retry-after': '7' }), now)?.retryAfterMs).toBe(7_000);
    expect(statusError(response(503, { 'retry-after': 'Sat, 01 Mar 2025 12:00:30 GMT' }), now)?.retryAfterMs).toBe(30_000);
    expect(statusError(response(404, { 'retry-after': '7' }), now)?.retryAfterMs).toBeUndefined();
  });
});
