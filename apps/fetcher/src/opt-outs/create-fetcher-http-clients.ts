import type { TrawlConfig } from '@trawl/config';
import { RobotsPolicy, TdmrepPolicy, type HttpClient } from '@trawl/scraping';
import type { FetchSettings } from '../fetch-settings';
import { createHostLimitedHttpClient } from '../politeness/create-host-limited-http-client';
import { PoliteHttpClient } from '../politeness/polite-http-client';
import { OptOutHttpClient } from './opt-out-http-client';

/**
 * The clients of the page and image jobs: one host limiter for both (robots.txt and tdmrep.json
 * fetches go through it too), robots.txt unless TRAWL_RESPECT_ROBOTS=false, and AI opt-outs judged
 * on the headers unless TRAWL_RESPECT_OPT_OUTS=false (one tdmrep.json cache for both).
 */
export function createFetcherHttpClients(config: TrawlConfig, http: HttpClient, settings: FetchSettings): { pages: PoliteHttpClient; images: PoliteHttpClient } {
  const env = config.env;
  const limited = createHostLimitedHttpClient(config, http);
  const robots = env.TRAWL_RESPECT_ROBOTS ? new RobotsPolicy({ http: limited, userAgent: env.TRAWL_USER_AGENT }) : null;
  if (!settings.optOuts) {
    const polite = new PoliteHttpClient(limited, robots);
    return { pages: polite, images: polite };
  }
  const tdmrep = new TdmrepPolicy({ http: limited });
  return {
    pages: new OptOutHttpClient(limited, robots, tdmrep, 'page', settings.optOuts),
    images: new OptOutHttpClient(limited, robots, tdmrep, 'image', settings.optOuts),
  };
}
