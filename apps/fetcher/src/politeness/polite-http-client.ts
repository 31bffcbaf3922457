import { BlockedByRobotsError, discardBody, type HttpRequest, type HttpResponse, type RobotsPolicy } from '@trawl/scraping';
import type { HostLimitedHttpClient } from './host-limited-http-client';

export interface PoliteRequest extends HttpRequest {
  /** The task's wish; robots.txt is consulted only when this and the global switch both say so. */
  respectRobots: boolean;
  /** The task's AI opt-out choice (see OptOutHttpClient); absent: honoured. */
  respectOptOuts?: boolean;
}

/**
 * How the fetcher's handlers fetch: robots.txt first (unless opted out), then the host's turn, then
 * the request. `use` gets the response; the host's slot is held until `use` settles, and the body is
 * released then whatever `use` did with it.
 */
export class PoliteHttpClient {
  constructor(
    private readonly limited: HostLimitedHttpClient,
    /** null when robots.txt is globally switched off (TRAWL_RESPECT_ROBOTS=false). */
    private readonly robots: RobotsPolicy | null,
  ) {}

  /**
   * Throws BlockedByRobotsError (final) when robots.txt disallows the URL, RobotsUnavailableError
   * (retryable) when robots.txt cannot be read for now, and whatever the fetch or `use` throws.
   */
  async fetch<T>(request: PoliteRequest, use: (response: HttpResponse) => Promise<T>): Promise<T> {
    const { respectRobots, respectOptOuts: _optOutsAreNotHttp, ...http } = request;
    let minGapMs = 0;
    if (respectRobots && this.robots) {
      const verdict = await this.robots.check(http.url, { signal: http.signal });
      if (!verdict.allowed) throw new BlockedByRobotsError(http.url);
      minGapMs = verdict.crawlDelayMs;
    }
    const response = await this.limited.stream(http, minGapMs);
    try {
      return await use(response);
    } finally {
      await discardBody(response.body);
    }
  }
}
