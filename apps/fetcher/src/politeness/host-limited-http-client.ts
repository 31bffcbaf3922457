import type { HttpClient, HttpRequest, HttpResponse } from '@trawl/scraping';
import { hostKey } from '@trawl/tasks';
import type { HostLimiter } from './host-limiter';

/**
 * An HttpClient that waits for the host's turn (HostLimiter) before each request and holds the host's
 * slot until the response body is done: read to the end, failed, or dropped with `return()` (a
 * for-await `break`, or `discardBody`). A caller must do one of these, as with any response.
 * The slot is keyed by the requested URL's host, the key the job bus partitions jobs by.
 */
export class HostLimitedHttpClient implements HttpClient {
  constructor(
    private readonly inner: HttpClient,
    private readonly limiter: HostLimiter,
  ) {}

  /** `minGapMs`: a larger gap than the configured delay before this request (a Crawl-delay). */
  async stream(request: HttpRequest, minGapMs = 0): Promise<HttpResponse> {
    const release = await this.limiter.acquire(hostKey(request.url), { signal: request.signal, minGapMs });
    let response: HttpResponse;
    try {
      response = await this.inner.stream(request);
    } catch (error) {
      release();
      throw error;
    }
    return { ...response, body: releasingBody(response.body, release) };
  }
}

/** The same body, calling `release` once when it ends, fails or is dropped. */
function releasingBody(body: AsyncIterable<Buffer>, release: () => void): AsyncIterableIterator<Buffer> {
  const source = body[Symbol.asyncIterator]();
  const wrapped: AsyncIterableIterator<Buffer> = {
    async next() {
      try {
        const step = await source.next();
        if (step.done) release();
        return step;
      } catch (error) {
        release();
        throw error;
      }
    },
    async return() {
      try {
        await source.return?.();
      } finally {
        release();
      }
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return wrapped;
    },
  };
  return wrapped;
}
