import type { TrawlConfig } from '@trawl/config';
import { RobotsPolicy, type HttpClient } from '@trawl/scraping';
import { createHostLimitedHttpClient } from './create-host-limited-http-client';
import { PoliteHttpClient } from './polite-http-client';

/**
 * The fetcher's politeness from its configuration: one host limiter for page and image jobs alike,
 * which robots.txt fetches go through too, and the robots.txt policy unless TRAWL_RESPECT_ROBOTS=false.
 */
export function createPoliteHttpClient(config: TrawlConfig, http: HttpClient): PoliteHttpClient {
  const env = config.env;
  const limited = createHostLimitedHttpClient(config, http);
  const robots = env.TRAWL_RESPECT_ROBOTS ? new RobotsPolicy({ http: limited, userAgent: env.TRAWL_USER_AGENT }) : null;
  return new PoliteHttpClient(limited, robots);
}
