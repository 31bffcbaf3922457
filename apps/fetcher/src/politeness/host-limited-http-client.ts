import type { HttpClient, HttpRequest, HttpResponse } from '@trawl/scraping';
import type { HostLimiter, ReleaseSlot } from './host-limiter';
import { politenessKey } from './politeness-key';

/**
 * An HttpClient that waits for the host's turn (HostLimiter) before each request and holds the host's
 * slot until the response body is done: read to the end, failed, or dropped with `return()` (a
 * for-await `break`, or `discardBody`). A caller must do one of these, as with any response.
 * The slot is keyed by the requested URL's host (or its shard of the host, ADR 0010), the key the job bus
 * partitions jobs by.
 */
export class HostLimitedHttpClient implements HttpClient {
  constructor(
    private readonly inner: HttpClient,
    private readonly limiter: HostLimiter,
    /** Shards of a host (hostShardsOf): the limiter's budget is per shard, and so is its share of a Crawl-delay. */
    private readonly hostShards = 1,
  ) {}

  /**
   * `minGapMs`: a larger gap than the configured delay before this request (a Crawl-delay). With host
   * shards, each shard waits `hostShards` times it, so that the host still sees one start per gap on average.
   */
  async stream(request: HttpRequest, minGapMs = 0): Promise<HttpResponse> {
    const key = politenessKey(request.url, this.hostShards);
    const release = await this.limiter.acquire(key, { signal: request.signal, minGapMs: minGapMs * this.hostShards });
    let response: HttpResponse;
    try {
      response = await this.inner.stream(request);
    } catch (error) {
      release();
      throw error;
    }
    const announced = Number(response.headers['content-length'] ?? 0) || 0;
    return { ...response, body: releasingBody(response.body, response.status, announced, release) };
  }
}

/**
 * The same body, calling `release` once when it ends, fails or is dropped. A body read to its end, or
 * dropped (a 404 is usually not read), reports the status and its size (the larger of the bytes read
 * and the announced Content-Length), which lets a quick final answer shorten the host's gap.
 */
function releasingBody(body: AsyncIterable<Buffer>, status: number, announcedBytes: number, release: ReleaseSlot): AsyncIterableIterator<Buffer> {
  const source = body[Symbol.asyncIterator]();
  let bytes = 0;
  const wrapped: AsyncIterableIterator<Buffer> = {
    async next() {
      try {
        const step = await source.next();
        if (step.done) release({ status, bytes });
        else bytes += step.value.length;
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
        release({ status, bytes: Math.max(bytes, announcedBytes) });
      }
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return wrapped;
    },
  };
  return wrapped;
}
