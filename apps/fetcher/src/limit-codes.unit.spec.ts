import { TooLargeError } from '@trawl/errors';
import { BodyTooLargeError, FetchTimeoutError, RedirectLoopError, TooManyRedirectsError } from '@trawl/scraping';
import { ContentRejectedError, classifyFailure } from './failures';

const url = 'http://127.0.0.1:8080/x';

describe('classifyFailure: every limit has its own code', () => {
  it.each([
    ['page', new BodyTooLargeError(url, 1024), 'page-too-large', false],
    ['image', new BodyTooLargeError(url, 1024), 'image-too-large', false],
    ['image', new TooLargeError(1024, 'blob'), 'image-too-large', false],
    ['page', new FetchTimeoutError(url, 'total', 4000), 'page-timeout', true],
    ['image', new FetchTimeoutError(url, 'total', 4000), 'image-timeout', true],
    ['page', new FetchTimeoutError(url, 'connect', 1000), 'connect-timeout', true],
    ['image', new FetchTimeoutError(url, 'connect', 1000), 'connect-timeout', true],
    ['page', new TooManyRedirectsError(url, 5, []), 'too-many-redirects', false],
    ['page', new RedirectLoopError(url, []), 'redirect-loop', false],
  ] as const)('%s: %p is %s', (resource, error, code, retryable) => {
    expect(classifyFailure(error, resource)).toEqual({ retryable, error: { code, message: error.message } });
  });

  it.each(['image-too-many-pixels', 'truncated-image', 'corrupt-image', 'parse-timeout', 'parse-out-of-memory'] as const)(
    'makes %s a final verdict',
    (code) => {
      expect(classifyFailure(new ContentRejectedError(code, 'why'), 'page')).toEqual({ retryable: false, error: { code, message: 'why' } });
    },
  );

  it('keeps the HTTP client codes when the caller does not say what it fetched', () => {
    expect(classifyFailure(new BodyTooLargeError(url, 1024)).error.code).toBe('body-too-large');
    expect(classifyFailure(new FetchTimeoutError(url, 'total', 4000)).error.code).toBe('timeout');
  });
});
