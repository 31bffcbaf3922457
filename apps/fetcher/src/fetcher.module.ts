import { Module } from '@nestjs/common';
import type { TrawlConfig } from '@trawl/config';
import { TRAWL_CONFIG } from '@trawl/platform';
import { GotScrapingHttpClient, HTTP_CLIENT, NetworkPolicy } from '@trawl/scraping';
import { FetcherService } from './fetcher.service';

/** The fetcher role: job bus -> HTTP -> blob store and result events. */
@Module({
  providers: [
    {
      provide: HTTP_CLIENT,
      inject: [TRAWL_CONFIG],
      useFactory: (config: TrawlConfig) =>
        new GotScrapingHttpClient({
          policy: new NetworkPolicy({ allowPrivate: config.env.TRAWL_ALLOW_PRIVATE, egressOnly: config.env.TRAWL_EGRESS_ONLY ?? null }),
          userAgent: config.env.TRAWL_USER_AGENT,
        }),
    },
    FetcherService,
  ],
})
export class FetcherModule {}
